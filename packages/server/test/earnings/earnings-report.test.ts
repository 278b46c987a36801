import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { earningsCsv, earningsReport, earningsTable } from '../../src/earnings/earnings-report.ts';
import { runCalculation } from '../../src/runs/run-calculation.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { activeProgram, importLines, MONTHLY_CASH, seedSmallChannel } from '../runs/small-fixture.ts';

let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'spur-earnings-'));
  await seedSmallChannel(db);
  await activeProgram(db, MONTHLY_CASH);
  await importLines(db, dir, [
    { lineId: 'E1', date: '2026-01-05', reseller: 'R-1', quantity: 4 },
    { lineId: 'E2', date: '2026-01-06', reseller: 'R-2', quantity: 1 },
  ]);
  await runCalculation(db, { programId: 'monthly-cash', period: '2026-01', final: true, trigger: 'test' });
  await importLines(db, dir, [{ lineId: 'E3', date: '2026-01-07', reseller: 'R-1', quantity: -1 }]);
  await runCalculation(db, { programId: 'monthly-cash', period: '2026-01', trigger: 'test' });
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('spur earnings', () => {
  it('prints the simulate JSON shape with the status and every posting, late adjustments marked', async () => {
    const { report } = await earningsReport(db, 'monthly-cash', '2026-01');
    expect(report.program).toBe('monthly-cash');
    expect(report.earnings.map((e) => [e.participant_id, e.amount, e.status, e.payout_due])).toEqual([
      ['R-1', '30.00', 'final', '2026-02-14'],
      ['R-2', '10.00', 'final', '2026-02-14'],
    ]);
    const first = report.earnings[0]!;
    expect(Object.keys(first)).toEqual([
      'participant_type',
      'participant_id',
      'period_start',
      'period_end',
      'amount',
      'unit',
      'payout_due',
      'explanation',
      'status',
      'adjustments',
    ]);
    expect(
      first.adjustments.map((a) => [a.seq, a.kind, a.delta, a.amount_after, a.posted_period, a.corrects_key]),
    ).toEqual([
      [1, 'earning', '40.00', '40.00', '2026-01', null],
      [2, 'late_adjustment', '-10.00', '30.00', '2026-02', 'earning:monthly-cash:2026-01-01:partner:R-1:1'],
    ]);
    expect(report.totals).toMatchObject({ amount: '40.00', unit: 'EUR', earnings: 2 });
    expect(report.totals.periods[0]).toMatchObject({
      period_start: '2026-01-01',
      period_end: '2026-01-31',
      status: 'final',
    });
  });

  it('writes CSV with one row per earning and a readable table with the explanation', async () => {
    const { report, explanations } = await earningsReport(db, 'monthly-cash', '2026-01-20');
    const csv = earningsCsv(report).trim().split('\n');
    expect(csv[0]).toBe(
      'participant_type,participant_id,period_start,period_end,amount,unit,payout_due,status,adjustments,explanation',
    );
    expect(csv.length).toBe(3);
    const table = earningsTable(report, explanations);
    expect(table).toContain('partner R-1: 30.00 EUR (final), payout due 2026-02-14');
    expect(table).toContain('late_adjustment -10.00 -> 30.00');
  });

  it('says a period no run has calculated is not calculated, and rejects a reference that spans several periods', async () => {
    const { report } = await earningsReport(db, 'monthly-cash', '2026-05');
    expect(report.earnings).toEqual([]);
    expect(report.totals.periods[0]?.status).toBe('not_calculated');
    await expect(earningsReport(db, 'monthly-cash', '2026-Q1')).rejects.toThrow(/spans three periods/);
  });
});
