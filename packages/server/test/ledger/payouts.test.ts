import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { participantAccount, programAccount } from '../../src/ledger/accounts.ts';
import { balanceOf } from '../../src/ledger/balances.ts';
import { checkLedger } from '../../src/ledger/check-ledger.ts';
import { LedgerError } from '../../src/ledger/errors.ts';
import { approvePayout, createPayout, listPayouts, markPayoutPaid, payoutDueDate } from '../../src/ledger/payouts.ts';
import { postTransaction } from '../../src/ledger/post-transaction.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

const reseller = { type: 'partner', id: 'R-2001' } as const;

async function errorOf(promise: Promise<unknown>): Promise<LedgerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('expected a LedgerError');
}

describe(`payouts due on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await db.query(
      `insert into users (user_id, email, name, role) values
         ('FIN-1', 'fin1@vendor.example', 'Finance One', 'finance'),
         ('FIN-2', 'fin2@vendor.example', 'Finance Two', 'finance'),
         ('PM-1', 'pm1@vendor.example', 'Program Manager', 'program_manager')`,
    );
    for (const [key, amount] of [
      ['earn-1', '1200'],
      ['earn-2', '300'],
    ] as const) {
      await db.transaction((tx) =>
        postTransaction(tx, {
          key,
          description: 'CashPaq bonus',
          programId: 'cashpaq',
          period: '2026-03',
          entries: [
            { account: programAccount('cashpaq', 'SEK'), side: 'debit', amount },
            { account: participantAccount(reseller, 'SEK'), side: 'credit', amount },
          ],
        }),
      );
    }
  });
  afterAll(async () => {
    await db.destroy();
  });

  it.each([
    { periodEnd: '2026-03-31', days: 14, due: '2026-04-14' },
    { periodEnd: '2026-12-31', days: 14, due: '2027-01-14' },
    { periodEnd: '2028-02-15', days: 14, due: '2028-02-29' },
  ])('a period ending $periodEnd with $days days to pay is due $due', ({ periodEnd, days, due }) => {
    expect(payoutDueDate(periodEnd, days)).toBe(due);
  });

  it('moves the money pending -> approved -> paid through the ledger', async () => {
    const { payout } = await db.transaction((tx) =>
      createPayout(tx, {
        key: 'po-1',
        earningKey: 'earn-1',
        programId: 'cashpaq',
        period: '2026-03',
        participant: reseller,
        unit: 'SEK',
        amount: '1200',
        dueDate: payoutDueDate('2026-03-31', 14),
      }),
    );
    expect(payout).toMatchObject({ status: 'pending', dueDate: '2026-04-14', amount: 120000n });
    const byAccount = async () =>
      Object.fromEntries((await balanceOf(db, { participant: reseller })).map((b) => [b.account, b.balance]));
    expect(await byAccount()).toMatchObject({
      'participant:partner:R-2001:SEK': 30000n,
      'payout:pending:partner:R-2001:SEK': 120000n,
    });

    const approved = await db.transaction((tx) =>
      approvePayout(tx, { payoutId: payout.payoutId, approvedBy: 'FIN-1', configuredBy: 'PM-1' }),
    );
    expect(approved).toMatchObject({ status: 'approved', approvedBy: 'FIN-1' });
    const paid = await db.transaction((tx) => markPayoutPaid(tx, { payoutId: payout.payoutId, reference: 'SEPA-77' }));
    expect(paid).toMatchObject({ status: 'paid', paidReference: 'SEPA-77' });
    expect(await byAccount()).toMatchObject({
      'payout:pending:partner:R-2001:SEK': 0n,
      'payout:approved:partner:R-2001:SEK': 0n,
      'payout:paid:partner:R-2001:SEK': 120000n,
    });
    // Repeating a transition already made changes nothing.
    await db.transaction((tx) => markPayoutPaid(tx, { payoutId: payout.payoutId }));
    expect((await byAccount())['payout:paid:partner:R-2001:SEK']).toBe(120000n);
  });

  it('lets neither the program configurer nor a non-finance user approve', async () => {
    const { payout } = await db.transaction((tx) =>
      createPayout(tx, {
        key: 'po-2',
        earningKey: 'earn-2',
        programId: 'cashpaq',
        period: '2026-03',
        participant: reseller,
        unit: 'SEK',
        amount: '300',
        dueDate: '2026-04-14',
      }),
    );
    const own = await errorOf(
      db.transaction((tx) =>
        approvePayout(tx, { payoutId: payout.payoutId, approvedBy: 'FIN-2', configuredBy: 'FIN-2' }),
      ),
    );
    expect(own.code).toBe('payout_four_eyes');
    const manager = await errorOf(
      db.transaction((tx) =>
        approvePayout(tx, { payoutId: payout.payoutId, approvedBy: 'PM-1', configuredBy: 'FIN-2' }),
      ),
    );
    expect(manager.code).toBe('payout_approver_invalid');
    const early = await errorOf(db.transaction((tx) => markPayoutPaid(tx, { payoutId: payout.payoutId })));
    expect(early.code).toBe('payout_wrong_status');
    expect((await listPayouts(db, { status: 'pending', dueBy: '2026-04-30' })).map((p) => p.key)).toEqual(['po-2']);
  });

  it('refuses payouts in points and a second payout for the same earning', async () => {
    const points = await errorOf(
      db.transaction((tx) =>
        createPayout(tx, {
          key: 'po-pts',
          earningKey: 'earn-2',
          programId: 'cv',
          period: '2026-03',
          participant: reseller,
          unit: 'points',
          amount: '10',
          dueDate: '2026-04-14',
        }),
      ),
    );
    expect(points.code).toBe('payout_not_cash');
    const twice = await errorOf(
      db.transaction((tx) =>
        createPayout(tx, {
          key: 'po-2-again',
          earningKey: 'earn-2',
          programId: 'cashpaq',
          period: '2026-03',
          participant: reseller,
          unit: 'SEK',
          amount: '300',
          dueDate: '2026-04-14',
        }),
      ),
    );
    expect(twice.code).toBe('idempotency_conflict');
    expect((await checkLedger(db)).ok).toBe(true);
  });
});
