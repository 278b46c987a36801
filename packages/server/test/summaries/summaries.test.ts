import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCalculation } from '../../src/runs/run-calculation.ts';
import { summaryTotals } from '../../src/summaries/refresh-summaries.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { activeProgram, importLines, MONTHLY_CASH, seedSmallChannel } from '../runs/small-fixture.ts';

let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'spur-summaries-'));
  await seedSmallChannel(db);
  await db.query("update partners set country = 'AT' where partner_id = 'R-3'");
  await activeProgram(db, MONTHLY_CASH);
  await importLines(db, dir, [
    { lineId: 'S1', date: '2026-01-05', reseller: 'R-1', quantity: 4 },
    { lineId: 'S2', date: '2026-01-06', reseller: 'R-2', quantity: 1 },
    { lineId: 'S3', date: '2026-01-07', reseller: 'R-3', quantity: 2 },
  ]);
  await runCalculation(db, { programId: 'monthly-cash', period: '2026-01', trigger: 'test' });
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const totals = async (dimension: 'program' | 'partner' | 'country' | 'cluster' | 'partner_type') =>
  (await summaryTotals(db, 'monthly-cash', dimension)).map((t) => [t.key, Number(t.amount), t.earners, t.status]);

describe('summary tables kept current by runs', () => {
  it('total each program period by program, partner, country, cluster and partner type', async () => {
    expect(await totals('program')).toEqual([['', 70, 3, 'provisional']]);
    expect(await totals('partner')).toEqual([
      ['R-1', 40, 1, 'provisional'],
      ['R-2', 10, 1, 'provisional'],
      ['R-3', 20, 1, 'provisional'],
    ]);
    expect(await totals('country')).toEqual([
      ['AT', 20, 1, 'provisional'],
      ['DE', 50, 2, 'provisional'],
    ]);
    expect(await totals('partner_type')).toEqual([['reseller', 70, 3, 'provisional']]);
    const clusters = new Map((await totals('cluster')).map(([key, amount]) => [key, amount]));
    expect(clusters.get('DACH')).toBe(70);
  });

  it('keep per-participant rows with the partner, country and measure', async () => {
    const { rows } = await db.query<{ participant_id: string; country: string; measure: string; amount: string }>(
      `select participant_id, country, measure::text as measure, amount::text as amount from summary_participants
       where program_id = 'monthly-cash' order by participant_id`,
    );
    expect(rows.map((r) => [r.participant_id, r.country, Number(r.measure), Number(r.amount)])).toEqual([
      ['R-1', 'DE', 4, 40],
      ['R-2', 'DE', 1, 10],
      ['R-3', 'AT', 2, 20],
    ]);
  });

  it('follow a return and the period close without scanning lines again', async () => {
    await importLines(db, dir, [{ lineId: 'S4', date: '2026-01-08', reseller: 'R-1', quantity: -4 }]);
    await runCalculation(db, { programId: 'monthly-cash', period: '2026-01', final: true, trigger: 'test' });
    expect(await totals('program')).toEqual([['', 30, 2, 'final']]);
  });

  it('are not rewritten by a run that changed nothing', async () => {
    const before = await db.query<{ updated: string }>('select max(updated_at)::text as updated from summary_totals');
    await runCalculation(db, { programId: 'monthly-cash', period: '2026-01', trigger: 'test' });
    const after = await db.query<{ updated: string }>('select max(updated_at)::text as updated from summary_totals');
    expect(after.rows[0]!.updated).toBe(before.rows[0]!.updated);
  });
});
