import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantAccount, programAccount } from '../../src/ledger/accounts.ts';
import { balanceOf, listEntries } from '../../src/ledger/balances.ts';
import { checkLedger } from '../../src/ledger/check-ledger.ts';
import { reverseTransaction } from '../../src/ledger/corrections.ts';
import { LedgerError } from '../../src/ledger/errors.ts';
import { postPending, voidPending } from '../../src/ledger/holds.ts';
import { postTransaction, type TransactionInput } from '../../src/ledger/post-transaction.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

const reseller = { type: 'partner', id: 'R-1001' } as const;
const rep = { type: 'user', id: 'U-7' } as const;

function earning(key: string, amount: string, unit = 'SEK'): TransactionInput {
  return {
    key,
    description: `CashPaq bonus ${key}`,
    programId: 'cashpaq',
    period: '2026-03',
    entries: [
      { account: programAccount('cashpaq', unit), side: 'debit', amount },
      { account: participantAccount(reseller, unit), side: 'credit', amount },
    ],
  };
}

async function errorOf(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}

describe(`ledger postings on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('credits the participant and debits the program in minor units of the currency', async () => {
    const result = await db.transaction((tx) => postTransaction(tx, earning('e-1', '1250.50')));
    expect(result.replayed).toBe(false);
    expect(result.transaction.entries.map((e) => [e.account, e.side, e.amount])).toEqual([
      ['program:cashpaq:expense:SEK', 'debit', 125050n],
      ['participant:partner:R-1001:SEK', 'credit', 125050n],
    ]);
    const [balance] = await balanceOf(db, { participant: reseller, unit: 'SEK' });
    expect(balance).toMatchObject({ account: 'participant:partner:R-1001:SEK', balance: 125050n, scale: 2 });
    const [expense] = await balanceOf(db, { account: 'program:cashpaq:expense:SEK' });
    expect(expense?.balance).toBe(125050n);
  });

  it('returns the stored transaction when the same key is posted again with the same content', async () => {
    const first = await db.transaction((tx) => postTransaction(tx, earning('e-2', '10')));
    const again = await db.transaction((tx) => postTransaction(tx, earning('e-2', '10.00')));
    expect(again.replayed).toBe(true);
    expect(again.transaction.transactionId).toBe(first.transaction.transactionId);
    const { rows } = await db.query<{ n: string }>(
      "select count(*) n from ledger_transactions where idempotency_key = 'e-2'",
    );
    expect(rows[0]?.n).toBe('1');
  });

  it('refuses the same key with different content, with the code idempotency_conflict', async () => {
    await db.transaction((tx) => postTransaction(tx, earning('e-3', '10')));
    const error = await errorOf(db.transaction((tx) => postTransaction(tx, earning('e-3', '11'))));
    expect(error.code).toBe('idempotency_conflict');
  });

  it.each([
    {
      name: 'debits and credits that differ',
      entries: [
        { account: 'program:p:expense:EUR', side: 'debit', amount: '10' },
        { account: 'participant:user:U-7:EUR', side: 'credit', amount: '9.99' },
      ],
      code: 'unbalanced',
    },
    {
      name: 'a transaction balanced in total but not per unit',
      entries: [
        { account: 'program:p:expense:EUR', side: 'debit', amount: '10' },
        { account: 'participant:user:U-7:SEK', side: 'credit', amount: '10' },
      ],
      code: 'unbalanced',
    },
    {
      name: 'more decimals than the currency has',
      entries: [
        { account: 'program:p:expense:JPY', side: 'debit', amount: '10.5' },
        { account: 'participant:user:U-7:JPY', side: 'credit', amount: '10.5' },
      ],
      code: 'amount_precision',
    },
    {
      name: 'a negative amount',
      entries: [
        { account: 'program:p:expense:EUR', side: 'debit', amount: '-1' },
        { account: 'participant:user:U-7:EUR', side: 'credit', amount: '-1' },
      ],
      code: 'invalid_transaction',
    },
    {
      name: 'an unknown currency',
      entries: [
        { account: 'program:p:expense:EUX', side: 'debit', amount: '1' },
        { account: 'participant:user:U-7:EUX', side: 'credit', amount: '1' },
      ],
      code: 'invalid_unit',
    },
    {
      name: 'an account code of no known kind',
      entries: [
        { account: 'bank:EUR', side: 'debit', amount: '1' },
        { account: 'participant:user:U-7:EUR', side: 'credit', amount: '1' },
      ],
      code: 'invalid_account',
    },
  ] as const)('rejects $name with the code $code and writes nothing', async ({ entries, code }) => {
    const error = await errorOf(
      db.transaction((tx) =>
        postTransaction(tx, { key: `bad-${code}-${entries[1].amount}`, description: 'x', entries }),
      ),
    );
    expect(error.code).toBe(code);
    const { rows } = await db.query('select 1 from ledger_transactions where idempotency_key like $1', [
      `bad-${code}%`,
    ]);
    expect(rows).toEqual([]);
  });

  it('keeps KWD to three decimals and points whole', async () => {
    await db.transaction(async (tx) => {
      await postTransaction(tx, {
        key: 'kwd-1',
        description: 'KWD bonus',
        entries: [
          { account: programAccount('gulf', 'KWD'), side: 'debit', amount: '1.125' },
          { account: participantAccount(rep, 'KWD'), side: 'credit', amount: '1.125' },
        ],
      });
      await postTransaction(tx, {
        key: 'pts-1',
        description: 'points',
        entries: [
          { account: programAccount('cv', 'points'), side: 'debit', amount: '300' },
          { account: participantAccount(rep, 'points'), side: 'credit', amount: '300' },
        ],
      });
    });
    const balances = await balanceOf(db, { participant: 'U-7' });
    expect(balances.map((b) => [b.account, b.scale, b.balance])).toEqual([
      ['participant:user:U-7:KWD', 3, 1125n],
      ['participant:user:U-7:points', 0, 300n],
    ]);
  });

  it('reverses a posting once, with a new transaction that references it, never by editing', async () => {
    await db.transaction((tx) => postTransaction(tx, earning('rev-1', '40', 'NOK')));
    const reversal = await db.transaction((tx) => reverseTransaction(tx, { key: 'rev-1-undo', reversesKey: 'rev-1' }));
    expect(reversal.transaction.correctsKey).toBe('rev-1');
    const [balance] = await balanceOf(db, { participant: reseller, unit: 'NOK' });
    expect(balance?.balance).toBe(0n);
    const again = await errorOf(
      db.transaction((tx) => reverseTransaction(tx, { key: 'rev-1-undo-2', reversesKey: 'rev-1' })),
    );
    expect(again.code).toBe('already_reversed');
    const retried = await db.transaction((tx) => reverseTransaction(tx, { key: 'rev-1-undo', reversesKey: 'rev-1' }));
    expect(retried.replayed).toBe(true);
    await expect(
      db.query('update ledger_entries set amount = 1 where transaction_id = $1', [reversal.transaction.transactionId]),
    ).rejects.toThrow(/append-only/);
  });

  it('reserves with a hold and completes it once, by posting or voiding', async () => {
    const hold = (key: string, amount: string): TransactionInput => ({
      key,
      description: 'card load',
      pending: true,
      requireFunds: true,
      entries: [
        { account: participantAccount(rep, 'credits'), side: 'debit', amount },
        { account: programAccount('cv', 'credits', 'redemption'), side: 'credit', amount },
      ],
    });
    await db.transaction((tx) =>
      postTransaction(tx, {
        key: 'cr-earn',
        description: 'credits',
        entries: [
          { account: programAccount('cv', 'credits'), side: 'debit', amount: '100' },
          { account: participantAccount(rep, 'credits'), side: 'credit', amount: '100' },
        ],
      }),
    );
    await db.transaction((tx) => postTransaction(tx, hold('cr-hold-1', '60')));
    let [credits] = await balanceOf(db, { account: participantAccount(rep, 'credits') });
    expect([credits?.balance, credits?.available]).toEqual([100n, 40n]);

    const tooMuch = await errorOf(db.transaction((tx) => postTransaction(tx, hold('cr-hold-2', '41'))));
    expect(tooMuch.code).toBe('insufficient_funds');

    await db.transaction((tx) => postPending(tx, { key: 'cr-post-1', pendingKey: 'cr-hold-1' }));
    [credits] = await balanceOf(db, { account: participantAccount(rep, 'credits') });
    expect([credits?.balance, credits?.available, credits?.debitsPending]).toEqual([40n, 40n, 0n]);

    const twice = await errorOf(db.transaction((tx) => voidPending(tx, { key: 'cr-void-1', pendingKey: 'cr-hold-1' })));
    expect(twice.code).toBe('pending_already_completed');

    await db.transaction((tx) => postTransaction(tx, hold('cr-hold-3', '30')));
    await db.transaction((tx) => voidPending(tx, { key: 'cr-void-3', pendingKey: 'cr-hold-3' }));
    [credits] = await balanceOf(db, { account: participantAccount(rep, 'credits') });
    expect([credits?.balance, credits?.available]).toEqual([40n, 40n]);
  });

  it("leaves the caller's transaction usable after a refused posting, with nothing of it written", async () => {
    await db.transaction(async (tx) => {
      const refused = await errorOf(
        postTransaction(tx, {
          key: 'usable-hold',
          description: 'hold beyond the balance',
          pending: true,
          requireFunds: true,
          entries: [
            { account: participantAccount({ type: 'user', id: 'U-new' }, 'points'), side: 'debit', amount: '5' },
            { account: programAccount('cv', 'points', 'redemption'), side: 'credit', amount: '5' },
          ],
        }),
      );
      expect(refused.code).toBe('insufficient_funds');
      await postTransaction(tx, earning('usable-1', '1', 'CHF'));
    });
    expect(await balanceOf(db, { participant: 'U-new' })).toEqual([]);
    const { rows } = await db.query(
      "select idempotency_key from ledger_transactions where idempotency_key like 'usable-%'",
    );
    expect(rows).toEqual([{ idempotency_key: 'usable-1' }]);
  });

  it('pages through entries with a cursor, oldest first', async () => {
    for (let i = 0; i < 5; i++)
      await db.transaction((tx) => postTransaction(tx, earning(`page-${i}`, `${i + 1}`, 'DKK')));
    const seen: bigint[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listEntries(db, { account: participantAccount(reseller, 'DKK'), after, limit: 2 });
      seen.push(...page.entries.map((e) => e.amount));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen).toEqual([100n, 200n, 300n, 400n, 500n]);
  });

  it('finds every transaction balanced and every materialized balance equal to the entries', async () => {
    expect(await checkLedger(db)).toEqual({ ok: true, unbalancedTransactions: [], balanceMismatches: [] });
  });
});
