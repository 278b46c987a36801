import type { Queryable } from '../db/connection-types.ts';

export interface UnbalancedTransaction {
  key: string;
  unit: string;
  /** Debits minus credits, in minor units. */
  difference: bigint;
}

export interface BalanceMismatch {
  account: string;
  column: 'debits_posted' | 'credits_posted' | 'debits_pending' | 'credits_pending';
  materialized: bigint;
  derived: bigint;
}

export interface LedgerCheck {
  ok: boolean;
  unbalancedTransactions: UnbalancedTransaction[];
  balanceMismatches: BalanceMismatch[];
}

/**
 * Recomputes every account's sums from its entries (a hold counts until it is posted or voided)
 * and compares them with the materialized balances; also finds transactions that do not balance.
 */
export async function checkLedger(q: Queryable): Promise<LedgerCheck> {
  const unbalanced = await q.query<{ idempotency_key: string; unit: string; difference: string }>(
    `select t.idempotency_key, a.unit,
            sum(case e.side when 'debit' then e.amount else -e.amount end) difference
     from ledger_entries e
     join ledger_accounts a using (account_id)
     join ledger_transactions t using (transaction_id)
     group by t.idempotency_key, a.unit
     having sum(case e.side when 'debit' then e.amount else -e.amount end) <> 0
     order by 1, 2`,
  );
  const mismatches = await q.query<{
    code: string;
    column: BalanceMismatch['column'];
    materialized: string;
    derived: string;
  }>(
    `with open_entries as (
       select e.* from ledger_entries e
       where e.status = 'posted'
          or not exists (select 1 from ledger_transactions c where c.completes_transaction_id = e.transaction_id)
     ), derived as (
       select a.account_id,
              coalesce(sum(e.amount) filter (where e.status = 'posted' and e.side = 'debit'), 0) debits_posted,
              coalesce(sum(e.amount) filter (where e.status = 'posted' and e.side = 'credit'), 0) credits_posted,
              coalesce(sum(e.amount) filter (where e.status = 'pending' and e.side = 'debit'), 0) debits_pending,
              coalesce(sum(e.amount) filter (where e.status = 'pending' and e.side = 'credit'), 0) credits_pending
       from ledger_accounts a left join open_entries e using (account_id)
       group by a.account_id
     )
     select a.code, v.col "column", v.materialized, v.derived
     from ledger_accounts a join derived d using (account_id)
     cross join lateral (values
       ('debits_posted', a.debits_posted, d.debits_posted),
       ('credits_posted', a.credits_posted, d.credits_posted),
       ('debits_pending', a.debits_pending, d.debits_pending),
       ('credits_pending', a.credits_pending, d.credits_pending)
     ) v (col, materialized, derived)
     where v.materialized <> v.derived
     order by a.code, v.col`,
  );
  const unbalancedTransactions = unbalanced.rows.map((row) => ({
    key: row.idempotency_key,
    unit: row.unit,
    difference: BigInt(row.difference),
  }));
  const balanceMismatches = mismatches.rows.map((row) => ({
    account: row.code,
    column: row.column,
    materialized: BigInt(row.materialized),
    derived: BigInt(row.derived),
  }));
  return {
    ok: unbalancedTransactions.length === 0 && balanceMismatches.length === 0,
    unbalancedTransactions,
    balanceMismatches,
  };
}
