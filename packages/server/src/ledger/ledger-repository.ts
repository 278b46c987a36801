import type { Queryable, Tx } from '../db/connection-types.ts';
import { type AccountDescriptor, describeAccount, type Side } from './accounts.ts';
import { ledgerUnit } from './units.ts';

export type TransactionKind = 'posted' | 'pending' | 'post_pending' | 'void_pending';
export type EntryStatus = 'pending' | 'posted';

export interface LedgerEntry {
  entryId: string;
  account: string;
  unit: string;
  side: Side;
  /** Integer minor units of `unit`. */
  amount: bigint;
  status: EntryStatus;
}

export interface LedgerTransaction {
  transactionId: string;
  key: string;
  contentHash: string;
  kind: TransactionKind;
  description: string;
  programId: string | null;
  period: string | null;
  effectiveDate: string;
  /** The key of the transaction this one corrects (reverses or adjusts). */
  correctsKey: string | null;
  /** The key of the pending transaction this one posts or voids. */
  completesKey: string | null;
  metadata: Record<string, string>;
  postedAt: Date;
  entries: LedgerEntry[];
}

interface TransactionRow {
  transaction_id: string;
  idempotency_key: string;
  content_hash: string;
  kind: TransactionKind;
  description: string;
  program_id: string | null;
  period: string | null;
  effective_date: string;
  corrects_key: string | null;
  completes_key: string | null;
  metadata: Record<string, string>;
  posted_at: Date;
}

const TRANSACTION_SELECT = `
  select t.transaction_id, t.idempotency_key, t.content_hash, t.kind, t.description, t.program_id, t.period,
         t.effective_date, c.idempotency_key corrects_key, p.idempotency_key completes_key, t.metadata, t.posted_at
  from ledger_transactions t
  left join ledger_transactions c on c.transaction_id = t.corrects_transaction_id
  left join ledger_transactions p on p.transaction_id = t.completes_transaction_id`;

/** The stored transaction with `key`, with its entries, or undefined. */
export async function findTransactionByKey(q: Queryable, key: string): Promise<LedgerTransaction | undefined> {
  const { rows } = await q.query<TransactionRow>(`${TRANSACTION_SELECT} where t.idempotency_key = $1`, [key]);
  return rows[0] && withEntries(q, rows[0]);
}

export async function findTransactionById(q: Queryable, id: string): Promise<LedgerTransaction | undefined> {
  const { rows } = await q.query<TransactionRow>(`${TRANSACTION_SELECT} where t.transaction_id = $1`, [id]);
  return rows[0] && withEntries(q, rows[0]);
}

/** The stored transactions among `keys`, with their entries, by key (two queries for any number). */
export async function findTransactionsByKeys(
  q: Queryable,
  keys: readonly string[],
): Promise<Map<string, LedgerTransaction>> {
  if (keys.length === 0) return new Map();
  const { rows } = await q.query<TransactionRow>(`${TRANSACTION_SELECT} where t.idempotency_key = any($1::text[])`, [
    [...new Set(keys)],
  ]);
  if (rows.length === 0) return new Map();
  const entries = await q.query<EntryRow & { transaction_id: string }>(
    `select e.transaction_id, e.entry_id, a.code, a.unit, e.side, e.amount, e.status
     from ledger_entries e join ledger_accounts a using (account_id)
     where e.transaction_id = any($1::bigint[]) order by e.entry_id`,
    [rows.map((row) => row.transaction_id)],
  );
  const byTransaction = new Map<string, EntryRow[]>();
  for (const entry of entries.rows) {
    const list = byTransaction.get(entry.transaction_id) ?? [];
    list.push(entry);
    byTransaction.set(entry.transaction_id, list);
  }
  return new Map(
    rows.map((row) => [row.idempotency_key, transactionOf(row, byTransaction.get(row.transaction_id) ?? [])]),
  );
}

/** The transaction that posted or voided a pending one, if any. */
export async function findCompletionOf(q: Queryable, pendingId: string): Promise<LedgerTransaction | undefined> {
  const { rows } = await q.query<TransactionRow>(`${TRANSACTION_SELECT} where t.completes_transaction_id = $1`, [
    pendingId,
  ]);
  return rows[0] && withEntries(q, rows[0]);
}

interface EntryRow {
  entry_id: string;
  code: string;
  unit: string;
  side: Side;
  amount: string;
  status: EntryStatus;
}

async function withEntries(q: Queryable, row: TransactionRow): Promise<LedgerTransaction> {
  const { rows } = await q.query<EntryRow>(
    `select e.entry_id, a.code, a.unit, e.side, e.amount, e.status
     from ledger_entries e join ledger_accounts a using (account_id)
     where e.transaction_id = $1 order by e.entry_id`,
    [row.transaction_id],
  );
  return transactionOf(row, rows);
}

function transactionOf(row: TransactionRow, entries: readonly EntryRow[]): LedgerTransaction {
  return {
    transactionId: row.transaction_id,
    key: row.idempotency_key,
    contentHash: row.content_hash,
    kind: row.kind,
    description: row.description,
    programId: row.program_id,
    period: row.period,
    effectiveDate: row.effective_date,
    correctsKey: row.corrects_key,
    completesKey: row.completes_key,
    metadata: row.metadata,
    postedAt: row.posted_at,
    entries: entries.map((entry) => ({
      entryId: entry.entry_id,
      account: entry.code,
      unit: entry.unit,
      side: entry.side,
      amount: BigInt(entry.amount),
      status: entry.status,
    })),
  };
}

/** An account row locked for the rest of the caller's transaction. */
export interface LockedAccount {
  accountId: string;
  normalSide: Side;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
}

/**
 * Locks the existing accounts among `codes` in account_id order (so concurrent postings on the
 * same accounts queue instead of deadlocking) and returns them by code; absent codes are missing.
 */
export async function lockExistingAccounts(tx: Tx, codes: readonly string[]): Promise<Map<string, LockedAccount>> {
  const { rows } = await tx.query<{
    account_id: string;
    code: string;
    normal_side: Side;
    debits_posted: string;
    credits_posted: string;
    debits_pending: string;
  }>(
    `select account_id, code, normal_side, debits_posted, credits_posted, debits_pending
     from ledger_accounts where code = any($1::text[]) order by account_id for update`,
    [[...new Set(codes)]],
  );
  return new Map(
    rows.map((row) => [
      row.code,
      {
        accountId: row.account_id,
        normalSide: row.normal_side,
        debitsPosted: BigInt(row.debits_posted),
        creditsPosted: BigInt(row.credits_posted),
        debitsPending: BigInt(row.debits_pending),
      },
    ]),
  );
}

/** Creates accounts (and their units) on first use and locks them; returns account ids by code. */
export async function createAccounts(tx: Tx, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const accounts: AccountDescriptor[] = [...new Set(codes)].sort().map(describeAccount);
  const units = [...new Set(accounts.map((account) => account.unit))].sort().map(ledgerUnit);
  await tx.query(
    `insert into ledger_units (unit, kind, scale)
     select * from unnest($1::text[], $2::text[], $3::smallint[]) order by 1
     on conflict (unit) do nothing`,
    [units.map((u) => u.unit), units.map((u) => u.kind), units.map((u) => u.scale)],
  );
  await tx.query(
    `insert into ledger_accounts (code, kind, unit, normal_side, participant_type, participant_id, program_id)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) order by 1
     on conflict (code) do nothing`,
    [
      accounts.map((a) => a.code),
      accounts.map((a) => a.kind),
      accounts.map((a) => a.unit),
      accounts.map((a) => a.normalSide),
      accounts.map((a) => a.participant?.type ?? null),
      accounts.map((a) => a.participant?.id ?? null),
      accounts.map((a) => a.programId),
    ],
  );
  const { rows } = await tx.query<{ account_id: string; code: string }>(
    'select account_id, code from ledger_accounts where code = any($1::text[]) order by account_id for update',
    [accounts.map((a) => a.code)],
  );
  return new Map(rows.map((row) => [row.code, row.account_id]));
}

/** Per-account changes to the four materialized sums, in minor units. */
export interface AccountMovement {
  accountId: string;
  debitsPosted: bigint;
  creditsPosted: bigint;
  debitsPending: bigint;
  creditsPending: bigint;
}

/**
 * Adds the movements to the materialized sums in one atomic UPDATE (sum = sum + delta); the
 * caller holds the rows' locks, so every check it made still holds.
 */
export async function applyMovements(tx: Tx, movements: readonly AccountMovement[]): Promise<void> {
  if (movements.length === 0) return;
  await tx.query(
    `update ledger_accounts a set
       debits_posted = a.debits_posted + m.debits_posted,
       credits_posted = a.credits_posted + m.credits_posted,
       debits_pending = a.debits_pending + m.debits_pending,
       credits_pending = a.credits_pending + m.credits_pending
     from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[])
       as m (account_id, debits_posted, credits_posted, debits_pending, credits_pending)
     where a.account_id = m.account_id`,
    [
      movements.map((m) => m.accountId),
      movements.map((m) => m.debitsPosted.toString()),
      movements.map((m) => m.creditsPosted.toString()),
      movements.map((m) => m.debitsPending.toString()),
      movements.map((m) => m.creditsPending.toString()),
    ],
  );
}

/** Sums entries into one movement per account. */
export function movementsOf(
  entries: readonly { accountId: string; side: Side; amount: bigint; status: EntryStatus; sign?: 1n | -1n }[],
): AccountMovement[] {
  const byAccount = new Map<string, AccountMovement>();
  for (const entry of entries) {
    const sign = entry.sign ?? 1n;
    let movement = byAccount.get(entry.accountId);
    if (!movement) {
      movement = {
        accountId: entry.accountId,
        debitsPosted: 0n,
        creditsPosted: 0n,
        debitsPending: 0n,
        creditsPending: 0n,
      };
      byAccount.set(entry.accountId, movement);
    }
    const amount = entry.amount * sign;
    if (entry.status === 'posted' && entry.side === 'debit') movement.debitsPosted += amount;
    if (entry.status === 'posted' && entry.side === 'credit') movement.creditsPosted += amount;
    if (entry.status === 'pending' && entry.side === 'debit') movement.debitsPending += amount;
    if (entry.status === 'pending' && entry.side === 'credit') movement.creditsPending += amount;
  }
  return [...byAccount.values()];
}

export interface NewTransaction {
  key: string;
  contentHash: string;
  kind: TransactionKind;
  description: string;
  programId: string | null;
  period: string | null;
  effectiveDate: string | null;
  correctsId: string | null;
  completesId: string | null;
  metadata: Record<string, string>;
}

/**
 * Inserts the transaction row unless its key (or, for a completion, its pending transaction) is
 * taken; returns the stored row or undefined. A concurrent insert of the same key waits for the
 * other to commit, so two connections never both insert.
 */
export async function insertTransaction(
  tx: Tx,
  row: NewTransaction,
): Promise<{ transactionId: string; effectiveDate: string; postedAt: Date } | undefined> {
  const { rows } = await tx.query<{ transaction_id: string; effective_date: string; posted_at: Date }>(
    `insert into ledger_transactions (idempotency_key, content_hash, kind, description, program_id, period,
       effective_date, corrects_transaction_id, completes_transaction_id, metadata)
     values ($1, $2, $3, $4, $5, $6, coalesce($7::date, current_date), $8, $9, $10)
     on conflict do nothing
     returning transaction_id, effective_date, posted_at`,
    [
      row.key,
      row.contentHash,
      row.kind,
      row.description,
      row.programId,
      row.period,
      row.effectiveDate,
      row.correctsId,
      row.completesId,
      JSON.stringify(row.metadata),
    ],
  );
  const stored = rows[0];
  return (
    stored && { transactionId: stored.transaction_id, effectiveDate: stored.effective_date, postedAt: stored.posted_at }
  );
}

/** Inserts the entries in order and returns their ids in the same order. */
export async function insertEntries(
  tx: Tx,
  transactionId: string,
  entries: readonly { accountId: string; side: Side; amount: bigint; status: EntryStatus }[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  const { rows } = await tx.query<{ entry_id: string }>(
    `insert into ledger_entries (transaction_id, account_id, side, amount, status)
     select $1::bigint, e.account_id, e.side, e.amount, e.status
     from unnest($2::bigint[], $3::text[], $4::bigint[], $5::text[]) with ordinality as e (account_id, side, amount, status, n)
     order by e.n
     returning entry_id`,
    [
      transactionId,
      entries.map((e) => e.accountId),
      entries.map((e) => e.side),
      entries.map((e) => e.amount.toString()),
      entries.map((e) => e.status),
    ],
  );
  // Identity values follow the insertion order of one statement.
  return rows.map((row) => row.entry_id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
}

/**
 * Inserts many transaction rows in one statement, skipping keys another connection committed
 * meanwhile; returns the inserted ones by key.
 */
export async function insertTransactions(
  tx: Tx,
  rows: readonly NewTransaction[],
): Promise<Map<string, { transactionId: string; effectiveDate: string; postedAt: Date }>> {
  if (rows.length === 0) return new Map();
  const { rows: inserted } = await tx.query<{
    transaction_id: string;
    idempotency_key: string;
    effective_date: string;
    posted_at: Date;
  }>(
    `insert into ledger_transactions (idempotency_key, content_hash, kind, description, program_id, period,
       effective_date, corrects_transaction_id, metadata)
     select t.key, t.hash, t.kind, t.description, t.program_id, t.period, coalesce(t.effective_date, current_date),
            t.corrects, t.metadata
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::bigint[],
                 $9::jsonb[]) with ordinality
       as t (key, hash, kind, description, program_id, period, effective_date, corrects, metadata, n)
     order by t.n
     on conflict do nothing
     returning transaction_id, idempotency_key, effective_date, posted_at`,
    [
      rows.map((r) => r.key),
      rows.map((r) => r.contentHash),
      rows.map((r) => r.kind),
      rows.map((r) => r.description),
      rows.map((r) => r.programId),
      rows.map((r) => r.period),
      rows.map((r) => r.effectiveDate),
      rows.map((r) => r.correctsId),
      rows.map((r) => JSON.stringify(r.metadata)),
    ],
  );
  return new Map(
    inserted.map((row) => [
      row.idempotency_key,
      { transactionId: row.transaction_id, effectiveDate: row.effective_date, postedAt: row.posted_at },
    ]),
  );
}

/** Inserts the entries of many transactions in one statement; returns their ids in input order. */
export async function insertEntriesOfMany(
  tx: Tx,
  entries: readonly { transactionId: string; accountId: string; side: Side; amount: bigint; status: EntryStatus }[],
): Promise<string[]> {
  if (entries.length === 0) return [];
  const { rows } = await tx.query<{ entry_id: string }>(
    `insert into ledger_entries (transaction_id, account_id, side, amount, status)
     select e.transaction_id, e.account_id, e.side, e.amount, e.status
     from unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[]) with ordinality
       as e (transaction_id, account_id, side, amount, status, n)
     order by e.n
     returning entry_id`,
    [
      entries.map((e) => e.transactionId),
      entries.map((e) => e.accountId),
      entries.map((e) => e.side),
      entries.map((e) => e.amount.toString()),
      entries.map((e) => e.status),
    ],
  );
  // Identity values follow the insertion order of one statement.
  return rows.map((row) => row.entry_id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}
