import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudgets, findBudget, moveBudget, setBudget } from '../../src/budgets/budgets.ts';
import { checkLedger } from '../../src/ledger/check-ledger.ts';
import { reverseTransaction } from '../../src/ledger/corrections.ts';
import { LedgerError } from '../../src/ledger/errors.ts';
import { postPending, voidPending } from '../../src/ledger/holds.ts';
import { postTransaction, postTransactions } from '../../src/ledger/post-transaction.ts';
import { formatMinorUnits } from '../../src/ledger/units.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { type LedgerCommand, LedgerModel, type ModelUnit, type Outcome, type Sums } from './ledger-model.ts';

// Replay a failure with LEDGER_PROPERTY_SEED=<seed> (and LEDGER_PROPERTY_PATH=<path>) from the report.
const seed = process.env.LEDGER_PROPERTY_SEED === undefined ? undefined : Number(process.env.LEDGER_PROPERTY_SEED);
const path = process.env.LEDGER_PROPERTY_PATH;
const numRuns = Number(process.env.LEDGER_PROPERTY_RUNS ?? 40);

const KEYS = 16;
const unitArb = fc.constantFrom<ModelUnit>('EUR', 'points');
const amountArb = fc.bigInt({ min: 1n, max: 50_000n });
const commandArb: fc.Arbitrary<LedgerCommand> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('earn' as const),
      key: fc.nat(KEYS - 1),
      who: fc.nat(1),
      unit: unitArb,
      amount: amountArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('hold' as const),
      key: fc.nat(KEYS - 1),
      who: fc.nat(1),
      unit: unitArb,
      amount: amountArb,
      requireFunds: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('complete' as const),
      key: fc.nat(KEYS - 1),
      target: fc.nat(KEYS - 1),
      action: fc.constantFrom<'post' | 'void'>('post', 'void'),
      existing: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('reverse' as const),
      key: fc.nat(KEYS - 1),
      target: fc.nat(KEYS - 1),
      existing: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('budget' as const),
      key: fc.nat(4),
      committed: fc.bigInt({ min: -30_000n, max: 60_000n }),
      booked: fc.bigInt({ min: -2_000n, max: 40_000n }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('batch' as const),
      earnings: fc.array(fc.record({ key: fc.nat(KEYS - 1), who: fc.nat(1), unit: unitArb, amount: amountArb }), {
        minLength: 1,
        maxLength: 6,
      }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('retry' as const), index: fc.nat(50) }) },
);

async function outcomeOf(run: () => Promise<{ replayed: boolean } | { replayed: boolean }[]>): Promise<Outcome> {
  try {
    const result = await run();
    const outcome = (r: { replayed: boolean }) => (r.replayed ? 'replayed' : 'posted');
    return Array.isArray(result) ? result.map(outcome).join(',') : outcome(result);
  } catch (error) {
    if (error instanceof LedgerError) return error.code;
    throw error;
  }
}

describe(`the ledger against an in-memory model on ${testDriver}`, () => {
  let db: TestDb;
  let runCounter = 0;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  function execute(model: LedgerModel, command: Exclude<LedgerCommand, { type: 'retry' }>): Promise<Outcome> {
    const period = '2026-01';
    const money = (amount: bigint, unit: ModelUnit) => formatMinorUnits(amount, unit);
    return outcomeOf(() =>
      db.transaction(async (tx) => {
        switch (command.type) {
          case 'earn':
            return postTransaction(tx, {
              key: model.ledgerKey(command.key),
              description: 'earning',
              programId: `${model.ns}prg`,
              period,
              entries: [
                {
                  account: model.expenseCode(command.unit),
                  side: 'debit',
                  amount: money(command.amount, command.unit),
                },
                {
                  account: model.participantCode(command.who, command.unit),
                  side: 'credit',
                  amount: money(command.amount, command.unit),
                },
              ],
            });
          case 'batch':
            return postTransactions(
              tx,
              command.earnings.map((earning) => ({
                key: model.ledgerKey(earning.key),
                description: 'earning',
                programId: `${model.ns}prg`,
                period,
                entries: [
                  {
                    account: model.expenseCode(earning.unit),
                    side: 'debit',
                    amount: money(earning.amount, earning.unit),
                  },
                  {
                    account: model.participantCode(earning.who, earning.unit),
                    side: 'credit',
                    amount: money(earning.amount, earning.unit),
                  },
                ],
              })),
            );
          case 'hold':
            return postTransaction(tx, {
              key: model.ledgerKey(command.key),
              description: 'redemption hold',
              pending: true,
              requireFunds: command.requireFunds,
              entries: [
                {
                  account: model.participantCode(command.who, command.unit),
                  side: 'debit',
                  amount: money(command.amount, command.unit),
                },
                {
                  account: model.redemptionCode(command.unit),
                  side: 'credit',
                  amount: money(command.amount, command.unit),
                },
              ],
            });
          case 'complete': {
            const input = { key: model.ledgerKey(command.key), pendingKey: model.ledgerKey(command.target) };
            return command.action === 'post' ? postPending(tx, input) : voidPending(tx, input);
          }
          case 'reverse':
            return reverseTransaction(tx, {
              key: model.ledgerKey(command.key),
              reversesKey: model.ledgerKey(command.target),
            });
          case 'budget':
            return moveBudget(tx, {
              key: model.budgetKey(command.key),
              programId: `${model.ns}prg`,
              period,
              committed: money(command.committed, 'EUR'),
              booked: money(command.booked, 'EUR'),
              reason: 'run',
            });
        }
      }),
    );
  }

  async function storedAccounts(ns: string): Promise<Map<string, Sums>> {
    const { rows } = await db.query<{ code: string; dp: string; cp: string; dpe: string; cpe: string }>(
      `select code, debits_posted dp, credits_posted cp, debits_pending dpe, credits_pending cpe
       from ledger_accounts where strpos(code, $1) > 0`,
      [ns],
    );
    return new Map(
      rows.map((r) => [
        r.code,
        {
          debitsPosted: BigInt(r.dp),
          creditsPosted: BigInt(r.cp),
          debitsPending: BigInt(r.dpe),
          creditsPending: BigInt(r.cpe),
        },
      ]),
    );
  }

  function nonZero(accounts: Map<string, Sums>): Record<string, Sums> {
    return Object.fromEntries(
      [...accounts].filter(([, s]) => s.debitsPosted || s.creditsPosted || s.debitsPending || s.creditsPending).sort(),
    );
  }

  it('matches the model after every posting, correction, hold, retry and budget move', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 0n, max: 200_000n }),
        fc.array(commandArb, { minLength: 5, maxLength: 40, size: 'max' }),
        async (budgetAmount, commands) => {
          runCounter += 1;
          const model = new LedgerModel(`q${runCounter}q`, budgetAmount);
          await db.transaction((tx) =>
            setBudget(tx, {
              programId: `${model.ns}prg`,
              period: '2026-01',
              unit: 'EUR',
              amount: formatMinorUnits(budgetAmount, 'EUR'),
            }),
          );
          const succeeded: Exclude<LedgerCommand, { type: 'retry' }>[] = [];
          for (const step of commands) {
            const picked = step.type === 'retry' ? succeeded[step.index % Math.max(succeeded.length, 1)] : step;
            if (!picked) continue;
            const command = model.resolve(picked);
            const expected = model.apply(command);
            const actual = await execute(model, command);
            expect({ command, outcome: actual }).toEqual({ command, outcome: expected });
            if (step.type === 'retry') expect(actual.split(',').every((o) => o === 'replayed')).toBe(true);
            if (actual.split(',').includes('posted')) succeeded.push(command);
            expect(nonZero(await storedAccounts(model.ns))).toEqual(nonZero(model.accounts));
          }
          const budget = await findBudget(db, `${model.ns}prg`, '2026-01');
          expect([budget?.committed, budget?.booked]).toEqual([model.committed, model.booked]);
          const alerts = await db.query<{ kind: string }>(
            'select kind from notifications where strpos(dedupe_key, $1) > 0 order by kind',
            [`:${model.ns}prg:`],
          );
          expect(alerts.rows.map((r) => r.kind)).toEqual([...model.alerts].sort());
          const stored = await db.query<{ n: string }>(
            'select count(*) n from ledger_transactions where strpos(idempotency_key, $1) = 1',
            [model.ns],
          );
          expect(Number(stored.rows[0]!.n)).toBe(model.transactions.size);
        },
      ),
      { numRuns, seed, path },
    );
    expect(await checkLedger(db)).toEqual({ ok: true, unbalancedTransactions: [], balanceMismatches: [] });
    expect(await checkBudgets(db)).toEqual([]);
  }, 600_000);
});
