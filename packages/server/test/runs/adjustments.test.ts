import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantAccount } from '../../src/ledger/accounts.ts';
import { balanceOf } from '../../src/ledger/balances.ts';
import { runCalculation } from '../../src/runs/run-calculation.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { activeProgram, importLines, MONTHLY_CASH, seedSmallChannel } from './small-fixture.ts';

let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'spur-adjust-'));
  await seedSmallChannel(db);
  await activeProgram(db, MONTHLY_CASH);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function postingsOf(participant: string) {
  const { rows } = await db.query<{
    seq: number;
    kind: string;
    delta: string;
    corrects_key: string | null;
    transaction_key: string;
    posted_period_label: string;
    period_start: string;
  }>(
    `select seq, kind, delta::text as delta, corrects_key, transaction_key, posted_period_label, period_start::text as period_start
     from earning_postings where participant_id = $1 order by posting_id`,
    [participant],
  );
  return rows;
}

async function balance(participant: string): Promise<bigint> {
  const [row] = await balanceOf(db, { account: participantAccount({ type: 'partner', id: participant }, 'EUR') });
  return row?.balance ?? 0n;
}

const run = (period: string, final = false) =>
  runCalculation(db, { programId: 'monthly-cash', period, final, trigger: 'test' });

describe('runs after late lines, corrections, returns and period close', () => {
  it('posts the first earning of each participant once', async () => {
    await importLines(db, dir, [
      { lineId: 'L1', date: '2026-01-10', reseller: 'R-1', quantity: 5 },
      { lineId: 'L2', date: '2026-01-12', reseller: 'R-2', quantity: 3 },
    ]);
    const report = await run('2026-01');
    expect(report.postings.map((p) => [p.participantId, p.kind, p.delta])).toEqual([
      ['R-1', 'earning', '50.00'],
      ['R-2', 'earning', '30.00'],
    ]);
    expect(await balance('R-1')).toBe(5000n);
  });

  it('posts only the difference of a late line, a correction and a return, each referencing the earning it corrects', async () => {
    await importLines(db, dir, [
      { lineId: 'L1', date: '2026-01-10', reseller: 'R-1', quantity: 7 }, // correction 5 -> 7
      { lineId: 'L3', date: '2026-01-20', reseller: 'R-3', quantity: 2 }, // late line
      { lineId: 'L4', date: '2026-01-21', reseller: 'R-2', quantity: -1 }, // return
    ]);
    const report = await run('2026-01');
    expect(report.postings.map((p) => [p.participantId, p.kind, p.delta, p.correctsKey])).toEqual([
      ['R-1', 'adjustment', '20.00', 'earning:monthly-cash:2026-01-01:partner:R-1:1'],
      ['R-2', 'adjustment', '-10.00', 'earning:monthly-cash:2026-01-01:partner:R-2:1'],
      ['R-3', 'earning', '20.00', null],
    ]);
    expect(await balance('R-1')).toBe(7000n);
    expect(await balance('R-2')).toBe(2000n);
    const { rows } = await db.query<{ corrects: string | null }>(
      `select c.idempotency_key as corrects from ledger_transactions t
       join ledger_transactions c on c.transaction_id = t.corrects_transaction_id
       where t.idempotency_key = 'earning:monthly-cash:2026-01-01:partner:R-1:2'`,
    );
    expect(rows[0]?.corrects).toBe('earning:monthly-cash:2026-01-01:partner:R-1:1');
  });

  it('closes a period with a final run that creates the payouts due 14 days after it', async () => {
    const report = await run('2026-01', true);
    expect(report.postings).toEqual([]);
    expect(report.payouts).toBe(3);
    const { rows } = await db.query<{ participant_id: string; amount: string; due_date: string; status: string }>(
      `select participant_id, amount::text as amount, due_date::text as due_date, status from payouts
       where program_id = 'monthly-cash' order by participant_id`,
    );
    expect(rows).toEqual([
      { participant_id: 'R-1', amount: '7000', due_date: '2026-02-14', status: 'pending' },
      { participant_id: 'R-2', amount: '2000', due_date: '2026-02-14', status: 'pending' },
      { participant_id: 'R-3', amount: '2000', due_date: '2026-02-14', status: 'pending' },
    ]);
    const period = await db.query<{ status: string }>(
      "select status from program_periods where program_id = 'monthly-cash' and period_start = '2026-01-01'",
    );
    expect(period.rows[0]?.status).toBe('final');
  });

  it('never edits a final period: a later line and a return post as late adjustments into the next open period', async () => {
    await importLines(db, dir, [
      { lineId: 'L5', date: '2026-01-25', reseller: 'R-3', quantity: 4 }, // late sale
      { lineId: 'L6', date: '2026-01-26', reseller: 'R-1', quantity: -7 }, // clawback of everything
    ]);
    const report = await run('2026-01');
    expect(report.periodWasFinal).toBe(true);
    expect(report.postings.map((p) => [p.participantId, p.kind, p.delta, p.postedPeriod.label])).toEqual([
      ['R-1', 'late_adjustment', '-70.00', '2026-02'],
      ['R-3', 'late_adjustment', '40.00', '2026-02'],
    ]);
    const { rows } = await db.query<{ period: string; description: string }>(
      `select period, description from ledger_transactions
       where idempotency_key = 'earning:monthly-cash:2026-01-01:partner:R-1:3'`,
    );
    expect(rows[0]?.period).toBe('2026-02');
    expect(rows[0]?.description).toContain('late adjustment');
    expect((await postingsOf('R-1')).map((p) => p.posted_period_label)).toEqual(['2026-01', '2026-01', '2026-02']);
    // The payout of January stays as it was; R-1 now owes back what was paid.
    const payouts = await db.query<{ n: number }>("select count(*)::int as n from payouts where period = '2026-01'");
    expect(payouts.rows[0]!.n).toBe(3);
  });

  it('pays the late adjustments with the period they were posted into', async () => {
    await importLines(db, dir, [{ lineId: 'L7', date: '2026-02-03', reseller: 'R-3', quantity: 1 }]);
    await run('2026-02', true);
    const { rows } = await db.query<{ participant_id: string; amount: string }>(
      `select participant_id, amount::text as amount from payouts where period = '2026-02' order by participant_id`,
    );
    // R-3: 40.00 late from January plus 10.00 of February; R-1's clawback is not paid out.
    expect(rows).toEqual([{ participant_id: 'R-3', amount: '5000' }]);
  });

  it('records every run with its version, watermark, timings and status', async () => {
    const { rows } = await db.query<{
      kind: string;
      status: string;
      program_version: number;
      watermark: string;
      timings: Record<string, number>;
    }>(
      `select kind, status, program_version, watermark::text as watermark, timings from calc_runs
       where program_id = 'monthly-cash' order by run_id`,
    );
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['provisional', 'succeeded'],
      ['provisional', 'succeeded'],
      ['final', 'succeeded'],
      ['provisional', 'succeeded'],
      ['final', 'succeeded'],
    ]);
    expect(rows.every((r) => r.program_version === 1 && Number(r.watermark) > 0 && r.timings.total !== undefined)).toBe(
      true,
    );
  });
});
