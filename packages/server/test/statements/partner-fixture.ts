import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SELLOUT_HEADER } from '../../src/demo/sellout.ts';
import { applyProgram, changeProgramStatus } from '../../src/programs/program-store.ts';
import { runCalculation } from '../../src/runs/run-calculation.ts';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { createWorld, type World } from '../http/api-fixture.ts';

/** Reps earn 10 points per server unit, double points in a January promotion. */
export const REP_POINTS = `
id: rep-points
name: Rep points
unit: points
start: 2026-01-01
period: { type: month }
participants: reps
measure: { metric: units, products: { families: [SERVER] } }
rewards:
  - type: per_unit
    by: sku
    amounts: { SRV-1: 10, SRV-2: 25 }
promotions:
  - { id: double-january, name: Double January, from: 2026-01-20, to: 2026-01-31, multiplier: 2 }
`;

/** CashPaq-like: 300 SEK per server once 75 % of the monthly unit goal is reached. */
export const RESELLER_CASH = `
id: reseller-cash
name: Reseller cash
unit: SEK
start: 2026-01-01
period: { type: month }
participants: partners
eligibility: { partner_types: [reseller] }
measure: { metric: units, products: { skus: [SRV-1, SRV-2] } }
rewards:
  - type: per_unit
    by: sku
    amounts: { SRV-1: 300, SRV-2: 800 }
goal: { metric: units, min_attainment: 75, max_attainment: 125 }
payout_due_days: 14
`;

export interface PartnerWorld extends World {
  /** Imports lines reported by DIST-A (A's side) or DIST-B (B's side). */
  report(distributor: 'DIST-A' | 'DIST-B', csvRows: string[]): Promise<void>;
  run(programId: string, period: string): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * The two partner trees of the API fixture with sell-out and earnings on both sides: A's rep sells
 * through DIST-A for RES-A, B's rep (the secrets) through DIST-B for RES-B, 777777 units.
 */
export async function createPartnerWorld(): Promise<PartnerWorld> {
  const world = await createWorld();
  const dir = await mkdtemp(join(tmpdir(), 'spur-partner-'));
  const { db, userIds } = world;
  await db.query(
    `insert into products (sku, name, family, category) values
       ('SRV-1', 'Server one', 'SERVER', 'HW'), ('SRV-2', 'Server two', 'SERVER', 'HW'), ('NB-1', 'Notebook', 'NOTEBOOK', 'HW')`,
  );
  for (const text of [REP_POINTS, RESELLER_CASH]) {
    const applied = await applyProgram(db, { text, source: 'test' });
    await changeProgramStatus(db, applied.program.programId, 'activate');
  }
  await db.query(
    `insert into goals (program_id, participant_id, period_start, metric, target) values
       ('reseller-cash', 'RES-A', '2026-01-01', 'units', 10), ('reseller-cash', 'RES-B', '2026-01-01', 'units', 777777)`,
  );
  let files = 0;
  const report = async (distributor: 'DIST-A' | 'DIST-B', csvRows: string[]) => {
    const file = join(dir, `report-${++files}.csv`);
    await writeFile(file, SELLOUT_HEADER + csvRows.map((row) => `${distributor},${row}\n`).join(''));
    await importSellOutFile(db, { file, distributorId: distributor });
  };
  await report('DIST-A', [
    `A-1,2026-01-05,RES-A,${userIds.sales_rep},SRV-1,4,4000.00,SEK`,
    `A-2,2026-01-22,RES-A,${userIds.sales_rep},SRV-2,2,5000.00,SEK`,
    'A-3,2026-01-10,RES-A,,SRV-1,1,1000.00,SEK',
    `A-4,2026-01-11,RES-A,${userIds.sales_rep},NB-1,3,900.00,SEK`,
  ]);
  await report('DIST-B', [`B-1,2026-01-06,RES-B,${userIds.repB},SRV-2,777777,777777.00,EUR`]);
  const run = async (programId: string, period: string) => {
    await runCalculation(db, { programId, period, final: false, trigger: 'test' });
  };
  await run('rep-points', '2026-01');
  await run('reseller-cash', '2026-01');
  return {
    ...world,
    report,
    run,
    async cleanup() {
      await world.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
