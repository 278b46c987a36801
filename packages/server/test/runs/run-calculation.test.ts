import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { earningToJson } from '@spur/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantAccount } from '../../src/ledger/accounts.ts';
import { balanceOf } from '../../src/ledger/balances.ts';
import { checkLedger } from '../../src/ledger/check-ledger.ts';
import { toMinorUnits } from '../../src/ledger/units.ts';
import { applyProgram, changeProgramStatus } from '../../src/programs/program-store.ts';
import { runCalculation, runCalculations } from '../../src/runs/run-calculation.ts';
import { simulate } from '../../src/simulate/simulate.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { importDemoDataset } from './demo-fixture.ts';

const EXAMPLES = join(import.meta.dirname, '../../../../examples/programs');
const NAMES = ['cashpaq', '10hoch4', 'channelvalue'] as const;

let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'spur-runs-'));
  await importDemoDataset(db, dir, 3000);
  for (const name of NAMES) {
    const file = join(EXAMPLES, `${name}.yaml`);
    await applyProgram(db, { text: await readFile(file, 'utf8'), source: file });
    await changeProgramStatus(db, name, 'activate');
  }
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function storedResults(runId: string) {
  const { rows } = await db.query<{ participant_type: string; participant_id: string; amount: string }>(
    'select participant_type, participant_id, amount::text as amount from run_results where run_id = $1',
    [runId],
  );
  return rows;
}

describe('a calculation run on stored sell-out', () => {
  it.each(NAMES)(
    'gives exactly the earnings and explanations of spur simulate on the same demo CSVs (%s)',
    async (name) => {
      const simulated = await simulate({ programFile: join(EXAMPLES, `${name}.yaml`), dataDir: dir });
      expect(simulated.periods.length).toBeGreaterThan(0);
      for (const period of simulated.periods) {
        const report = await runCalculation(db, { programId: name, period: period.period.start, trigger: 'test' });
        expect(report.total).toBe(period.totals.amount);
        const { rows } = await db.query<{
          explanation: unknown;
          participant_type: 'partner' | 'user';
          participant_id: string;
          amount: string;
          payout_due: string | null;
          unit: string;
        }>(
          `select participant_type, participant_id, amount::text as amount, unit, payout_due::text as payout_due, explanation
           from run_results where run_id = $1 order by participant_type, participant_id`,
          [report.runId],
        );
        const fromRun = rows.map((row) =>
          earningToJson({
            participantType: row.participant_type,
            participantId: row.participant_id,
            periodStart: period.period.start,
            periodEnd: period.period.end,
            amount: row.amount,
            unit: row.unit,
            payoutDue: row.payout_due,
            explanation: row.explanation as never,
          }),
        );
        const fromSimulate = period.earnings
          .map(earningToJson)
          .sort((a, b) =>
            `${a.participant_type}:${a.participant_id}`.localeCompare(`${b.participant_type}:${b.participant_id}`),
          );
        expect(fromRun).toEqual(fromSimulate);
      }
    },
    120_000,
  );

  it('posts nothing to the ledger when it runs again on unchanged inputs', async () => {
    const before = await db.query<{ n: number }>('select count(*)::int as n from ledger_transactions');
    const report = await runCalculation(db, { programId: 'cashpaq', period: '2026-01-01', trigger: 'test' });
    const after = await db.query<{ n: number }>('select count(*)::int as n from ledger_transactions');
    expect(report.postings).toEqual([]);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it.each(NAMES)(
    'recalculates every period of %s in one scan with the same results, posting nothing',
    async (name) => {
      const simulated = await simulate({ programFile: join(EXAMPLES, `${name}.yaml`), dataDir: dir });
      const reports = await runCalculations(db, {
        programId: name,
        periods: simulated.periods.map((p) => p.period.start),
        trigger: 'test',
      });
      expect(reports.map((r) => r.total)).toEqual(simulated.periods.map((p) => p.totals.amount));
      expect(reports.flatMap((r) => r.postings)).toEqual([]);
    },
    120_000,
  );

  it('keeps every participant balance equal to the sum of its earnings, and the ledger balanced', async () => {
    const { rows } = await db.query<{
      participant_type: 'partner' | 'user';
      participant_id: string;
      unit: string;
      amount: string;
    }>(
      `select participant_type, participant_id, unit, sum(amount)::text as amount from earnings
       group by participant_type, participant_id, unit having sum(amount) <> 0 order by 1, 2, 3 limit 40`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const account = participantAccount({ type: row.participant_type, id: row.participant_id }, row.unit);
      const [balance] = await balanceOf(db, { account });
      expect(balance?.balance).toBe(toMinorUnits(row.amount, row.unit));
    }
    const check = await checkLedger(db);
    expect(check.ok).toBe(true);
  });

  it('stores run results for every earner it priced', async () => {
    const { rows } = await db.query<{ run_id: string }>(
      "select run_id::text as run_id from calc_runs where program_id = '10hoch4' and status = 'succeeded' order by run_id limit 1",
    );
    expect((await storedResults(rows[0]!.run_id)).length).toBeGreaterThan(0);
  });
});
