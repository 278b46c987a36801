import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBudgets, findBudget, moveBudget, setBudget } from '../../src/budgets/budgets.ts';
import { LedgerError } from '../../src/ledger/errors.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

async function errorOf(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}

describe(`program budgets on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('commits by provisional runs, books by final runs and reports what remains', async () => {
    await db.transaction((tx) =>
      setBudget(tx, { programId: 'cashpaq', period: '2026-03', unit: 'SEK', amount: '10000' }),
    );
    await db.transaction((tx) =>
      moveBudget(tx, {
        key: 'prov-1',
        programId: 'cashpaq',
        period: '2026-03',
        committed: '3000.50',
        reason: 'provisional run 1',
      }),
    );
    const final = await db.transaction((tx) =>
      moveBudget(tx, {
        key: 'final-1',
        programId: 'cashpaq',
        period: '2026-03',
        committed: '-3000.50',
        booked: '3100',
        reason: 'final run',
      }),
    );
    expect(final.budget).toMatchObject({ amount: 1000000n, committed: 0n, booked: 310000n, remaining: 690000n });
  });

  it('refuses a move beyond the amount with budget_exceeded and changes nothing', async () => {
    await db.transaction((tx) => setBudget(tx, { programId: 'p-ex', period: '2026-Q1', unit: 'EUR', amount: '100' }));
    const error = await errorOf(
      db.transaction((tx) =>
        moveBudget(tx, { key: 'ex-1', programId: 'p-ex', period: '2026-Q1', committed: '100.01', reason: 'x' }),
      ),
    );
    expect(error.code).toBe('budget_exceeded');
    expect((await findBudget(db, 'p-ex', '2026-Q1'))?.committed).toBe(0n);
    const { rows } = await db.query("select 1 from budget_moves where idempotency_key = 'ex-1'");
    expect(rows).toEqual([]);
  });

  it.each([
    { name: 'releasing more than is committed', committed: '-1', booked: undefined, code: 'budget_negative' },
    { name: 'a move without a budget', committed: '1', booked: undefined, code: 'budget_missing', program: 'none' },
    { name: 'more decimals than the currency has', committed: '0.001', booked: undefined, code: 'amount_precision' },
  ])('refuses $name with $code', async ({ committed, booked, code, program }) => {
    await db.transaction((tx) => setBudget(tx, { programId: 'p-neg', period: '2026-04', unit: 'EUR', amount: '50' }));
    const error = await errorOf(
      db.transaction((tx) =>
        moveBudget(tx, {
          key: `neg-${code}`,
          programId: program ?? 'p-neg',
          period: '2026-04',
          committed,
          booked,
          reason: 'x',
        }),
      ),
    );
    expect(error.code).toBe(code);
  });

  it('applies a retried move once and rejects the same key with another amount', async () => {
    await db.transaction((tx) =>
      setBudget(tx, { programId: 'p-re', period: '2026-05', unit: 'points', amount: '1000' }),
    );
    const move = { key: 're-1', programId: 'p-re', period: '2026-05', committed: '10', reason: 'run' };
    await db.transaction((tx) => moveBudget(tx, move));
    const again = await db.transaction((tx) => moveBudget(tx, move));
    expect(again.replayed).toBe(true);
    expect(again.budget.committed).toBe(10n);
    const error = await errorOf(db.transaction((tx) => moveBudget(tx, { ...move, committed: '11' })));
    expect(error.code).toBe('idempotency_conflict');
  });

  it('stores the 80 % and the 100 % alert once each', async () => {
    await db.transaction((tx) => setBudget(tx, { programId: 'p-al', period: '2026-06', unit: 'EUR', amount: '100' }));
    const alertsOf = async (key: string, committed: string) =>
      (
        await db.transaction((tx) =>
          moveBudget(tx, { key, programId: 'p-al', period: '2026-06', committed, reason: 'run' }),
        )
      ).alerts;
    expect(await alertsOf('al-1', '79.99')).toEqual([]);
    expect(await alertsOf('al-2', '0.01')).toEqual(['budget_80']);
    expect(await alertsOf('al-3', '5')).toEqual([]);
    expect(await alertsOf('al-4', '-10')).toEqual([]);
    expect(await alertsOf('al-5', '25')).toEqual(['budget_100']);
    const { rows } = await db.query<{ kind: string; payload: Record<string, string> }>(
      "select kind, payload from notifications where dedupe_key like '%:p-al:2026-06' order by notification_id",
    );
    expect(rows.map((row) => [row.kind, row.payload.used])).toEqual([
      ['budget_80', '80.00'],
      ['budget_100', '100.00'],
    ]);
  });

  it('changes the amount but never below what is used, nor into another unit', async () => {
    await db.transaction((tx) => setBudget(tx, { programId: 'p-am', period: '2026-07', unit: 'EUR', amount: '100' }));
    await db.transaction((tx) =>
      moveBudget(tx, { key: 'am-1', programId: 'p-am', period: '2026-07', booked: '60', reason: 'run' }),
    );
    const raised = await db.transaction((tx) =>
      setBudget(tx, { programId: 'p-am', period: '2026-07', unit: 'EUR', amount: '200' }),
    );
    expect(raised.budget.remaining).toBe(14000n);
    const below = await errorOf(
      db.transaction((tx) => setBudget(tx, { programId: 'p-am', period: '2026-07', unit: 'EUR', amount: '59.99' })),
    );
    expect(below.code).toBe('budget_below_used');
    const unit = await errorOf(
      db.transaction((tx) => setBudget(tx, { programId: 'p-am', period: '2026-07', unit: 'SEK', amount: '500' })),
    );
    expect(unit.code).toBe('budget_unit_mismatch');
  });

  it.runIf(testDriver === 'postgres')(
    'never exceeds the amount when twenty moves race from separate connections',
    async () => {
      await db.transaction((tx) =>
        setBudget(tx, { programId: 'p-race', period: '2026-08', unit: 'EUR', amount: '100' }),
      );
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          db.transaction(async (tx) => {
            const result = await moveBudget(tx, {
              key: `race-${i}`,
              programId: 'p-race',
              period: '2026-08',
              committed: '15',
              reason: 'run',
            });
            await tx.query('select pg_sleep(0.02)');
            return result;
          }),
        ),
      );
      const accepted = outcomes.filter((o) => o.status === 'fulfilled').length;
      const refused = outcomes.filter(
        (o) => o.status === 'rejected' && (o.reason as LedgerError).code === 'budget_exceeded',
      );
      expect(accepted).toBe(6);
      expect(refused).toHaveLength(14);
      expect((await findBudget(db, 'p-race', '2026-08'))?.committed).toBe(9000n);
    },
  );

  it.runIf(testDriver === 'postgres')('applies one move when the same key races from two connections', async () => {
    await db.transaction((tx) => setBudget(tx, { programId: 'p-twin', period: '2026-09', unit: 'EUR', amount: '100' }));
    const move = { key: 'twin-1', programId: 'p-twin', period: '2026-09', committed: '30', reason: 'run' };
    const results = await Promise.all(
      [0, 1].map(() =>
        db.transaction(async (tx) => {
          const result = await moveBudget(tx, move);
          await tx.query('select pg_sleep(0.05)');
          return result;
        }),
      ),
    );
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect((await findBudget(db, 'p-twin', '2026-09'))?.committed).toBe(3000n);
  });

  it('keeps every budget equal to the sum of its journal of moves', async () => {
    expect(await checkBudgets(db)).toEqual([]);
  });
});
