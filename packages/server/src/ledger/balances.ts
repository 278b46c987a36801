import type { Queryable } from '../db/connection-types.ts';
import type { Participant, Side } from './accounts.ts';
import type { EntryStatus, TransactionKind } from './ledger-repository.ts';

export interface AccountBalance {
  account: string;
  kind: 'participant' | 'program' | 'payout';
  unit: string;
  scale: number;
  normalSide: Side;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
  /** Posted balance on the account's normal side (what a participant is owed, what a program cost). */
  balance: bigint;
  /** The balance less holds that take from it. */
  available: bigint;
}

/** Which accounts to read: by exact code, or every account a participant owns (earnings and payouts). */
export interface AccountFilter {
  account?: string;
  /** A participant, or a bare id that matches partners and users alike. */
  participant?: Participant | string;
  unit?: string;
}

interface AccountRow {
  account_id: string;
  code: string;
  kind: AccountBalance['kind'];
  unit: string;
  scale: number;
  normal_side: Side;
  debits_posted: string;
  credits_posted: string;
  debits_pending: string;
  credits_pending: string;
}

function whereOf(filter: AccountFilter, params: unknown[]): string {
  const conditions: string[] = [];
  if (filter.account !== undefined) {
    params.push(filter.account);
    conditions.push(`a.code = $${params.length}`);
  }
  if (typeof filter.participant === 'string') {
    params.push(filter.participant);
    conditions.push(`a.participant_id = $${params.length}`);
  } else if (filter.participant) {
    params.push(filter.participant.id, filter.participant.type);
    conditions.push(`a.participant_id = $${params.length - 1} and a.participant_type = $${params.length}`);
  }
  if (filter.unit !== undefined) {
    params.push(filter.unit);
    conditions.push(`a.unit = $${params.length}`);
  }
  return conditions.length ? `where ${conditions.join(' and ')}` : '';
}

/** Materialized balances of the matching accounts, ordered by code. */
export async function balanceOf(q: Queryable, filter: AccountFilter): Promise<AccountBalance[]> {
  const params: unknown[] = [];
  const { rows } = await q.query<AccountRow>(
    `select a.account_id, a.code, a.kind, a.unit, u.scale, a.normal_side,
            a.debits_posted, a.credits_posted, a.debits_pending, a.credits_pending
     from ledger_accounts a join ledger_units u using (unit)
     ${whereOf(filter, params)} order by a.code`,
    params,
  );
  return rows.map((row) => {
    const debitsPosted = BigInt(row.debits_posted);
    const creditsPosted = BigInt(row.credits_posted);
    const debitsPending = BigInt(row.debits_pending);
    const creditsPending = BigInt(row.credits_pending);
    const credit = row.normal_side === 'credit';
    const balance = credit ? creditsPosted - debitsPosted : debitsPosted - creditsPosted;
    return {
      account: row.code,
      kind: row.kind,
      unit: row.unit,
      scale: Number(row.scale),
      normalSide: row.normal_side,
      debitsPosted,
      creditsPosted,
      debitsPending,
      creditsPending,
      balance,
      available: balance - (credit ? debitsPending : creditsPending),
    };
  });
}

export interface EntryLine {
  entryId: string;
  transactionId: string;
  key: string;
  kind: TransactionKind;
  description: string;
  effectiveDate: string;
  postedAt: Date;
  account: string;
  unit: string;
  side: Side;
  amount: bigint;
  status: EntryStatus;
  correctsKey: string | null;
}

export interface EntryPage {
  entries: EntryLine[];
  /** Pass as `after` to read the next page; null on the last page. */
  nextCursor: string | null;
}

/** Entries of the matching accounts, oldest first, a page at a time (keyset on the entry id). */
export async function listEntries(
  q: Queryable,
  filter: AccountFilter & { after?: string; limit?: number },
): Promise<EntryPage> {
  const limit = filter.limit ?? 100;
  const params: unknown[] = [];
  const where = whereOf(filter, params);
  params.push(filter.after ?? '0');
  const afterParam = `$${params.length}`;
  params.push(limit + 1);
  const { rows } = await q.query<{
    entry_id: string;
    transaction_id: string;
    idempotency_key: string;
    kind: TransactionKind;
    description: string;
    effective_date: string;
    posted_at: Date;
    code: string;
    unit: string;
    side: Side;
    amount: string;
    status: EntryStatus;
    corrects_key: string | null;
  }>(
    `select e.entry_id, e.transaction_id, t.idempotency_key, t.kind, t.description, t.effective_date, t.posted_at,
            a.code, a.unit, e.side, e.amount, e.status, c.idempotency_key corrects_key
     from (select a.account_id, a.code, a.unit from ledger_accounts a ${where}) a
     join ledger_entries e on e.account_id = a.account_id and e.entry_id > ${afterParam}::bigint
     join ledger_transactions t on t.transaction_id = e.transaction_id
     left join ledger_transactions c on c.transaction_id = t.corrects_transaction_id
     order by e.entry_id
     limit $${params.length}`,
    params,
  );
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => ({
      entryId: row.entry_id,
      transactionId: row.transaction_id,
      key: row.idempotency_key,
      kind: row.kind,
      description: row.description,
      effectiveDate: row.effective_date,
      postedAt: row.posted_at,
      account: row.code,
      unit: row.unit,
      side: row.side,
      amount: BigInt(row.amount),
      status: row.status,
      correctsKey: row.corrects_key,
    })),
    nextCursor: rows.length > limit ? page.at(-1)!.entry_id : null,
  };
}
