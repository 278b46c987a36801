import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpurDb } from '../../src/db/connection-types.ts';
import { SELLOUT_HEADER } from '../../src/demo/sellout.ts';
import { applyProgram, changeProgramStatus } from '../../src/programs/program-store.ts';
import { importSellOutFile } from '../../src/sellout/import-service.ts';

/** One distributor, three resellers in DE and two products: enough to drive runs by hand. */
export async function seedSmallChannel(db: SpurDb): Promise<void> {
  await db.query(
    `insert into partners (partner_id, name, type, country, level, distributor_id) values
       ('D-1', 'Distributor', 'distributor', 'DE', '', null),
       ('R-1', 'Reseller one', 'reseller', 'DE', 'gold', 'D-1'),
       ('R-2', 'Reseller two', 'reseller', 'DE', 'gold', 'D-1'),
       ('R-3', 'Reseller three', 'reseller', 'DE', 'gold', 'D-1')`,
  );
  await db.query(
    `insert into products (sku, name, family, category) values
       ('SKU-A', 'Server A', 'SERVER', 'HW'), ('SKU-B', 'Notebook B', 'NOTEBOOK', 'HW')`,
  );
}

/** Monthly cash bonus: 10 EUR per SKU-A unit, paid 14 days after the month. */
export const MONTHLY_CASH = `
id: monthly-cash
name: Monthly cash
unit: EUR
start: 2026-01-01
period: { type: month }
participants: partners
eligibility: { partner_types: [reseller] }
measure: { metric: units, products: { skus: [SKU-A] } }
rewards:
  - type: per_unit
    by: sku
    amounts: { SKU-A: 10 }
payout_due_days: 14
`;

export async function activeProgram(db: SpurDb, text: string): Promise<string> {
  const applied = await applyProgram(db, { text, source: 'test' });
  await changeProgramStatus(db, applied.program.programId, 'activate');
  return applied.program.programId;
}

export interface TestLine {
  lineId: string;
  date: string;
  reseller: string;
  sku?: string;
  quantity: number;
}

let files = 0;

/** Imports the lines as one sell-out report of D-1 through the regular import (corrections included). */
export async function importLines(db: SpurDb, dir: string, lines: readonly TestLine[]): Promise<void> {
  const file = join(dir, `report-${++files}.csv`);
  const body = lines
    .map(
      (l) => `D-1,${l.lineId},${l.date},${l.reseller},,${l.sku ?? 'SKU-A'},${l.quantity},${l.quantity * 100}.00,EUR\n`,
    )
    .join('');
  await writeFile(file, SELLOUT_HEADER + body);
  await importSellOutFile(db, { file, distributorId: 'D-1' });
}
