import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantAccount, programAccount } from '../../src/ledger/accounts.ts';
import { balanceOf } from '../../src/ledger/balances.ts';
import { checkLedger } from '../../src/ledger/check-ledger.ts';
import { postPending, voidPending } from '../../src/ledger/holds.ts';
import { postTransaction, type TransactionInput } from '../../src/ledger/post-transaction.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

const rep = { type: 'user', id: 'U-42' } as const;

function earning(key: string, amount: string): TransactionInput {
  return {
    key,
    description: 'points for a sale',
    entries: [
      { account: programAccount('cv', 'points'), side: 'debit', amount },
      { account: participantAccount(rep, 'points'), side: 'credit', amount },
    ],
  };
}

// PGlite is one connection in one process: calls are serialised by its mutex, so the same-key
// race can only be tested sequentially there; on a server each transaction has its own connection.
describe(`the same idempotency key posted twice at once on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('stores one transaction and credits once', async () => {
    const post = () =>
      db.transaction(async (tx) => {
        const result = await postTransaction(tx, earning('same-1', '500'));
        // Hold the transaction open so that, on a server, the other connection waits on the key.
        await tx.query('select pg_sleep(0.1)');
        return result;
      });
    const results = await Promise.all([post(), post()]);
    expect(new Set(results.map((r) => r.transaction.transactionId)).size).toBe(1);
    expect(results.map((r) => r.replayed).sort()).toEqual([false, true]);
    const [points] = await balanceOf(db, { account: participantAccount(rep, 'points') });
    expect(points?.balance).toBe(500n);
  });

  it('keeps the balance exact when fifty different postings to one account race', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => db.transaction((tx) => postTransaction(tx, earning(`many-${i}`, '2')))),
    );
    const [points] = await balanceOf(db, { account: participantAccount(rep, 'points') });
    expect(points?.balance).toBe(600n);
  });

  it('completes a hold once when a post and a void race', async () => {
    await db.transaction((tx) =>
      postTransaction(tx, {
        key: 'hold-1',
        description: 'card load',
        pending: true,
        entries: [
          { account: participantAccount(rep, 'points'), side: 'debit', amount: '100' },
          { account: programAccount('cv', 'points', 'redemption'), side: 'credit', amount: '100' },
        ],
      }),
    );
    const outcomes = await Promise.allSettled([
      db.transaction((tx) => postPending(tx, { key: 'hold-1-post', pendingKey: 'hold-1' })),
      db.transaction((tx) => voidPending(tx, { key: 'hold-1-void', pendingKey: 'hold-1' })),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason.code).toBe('pending_already_completed');
    expect(await checkLedger(db)).toMatchObject({ ok: true });
  });
});
