import type { Tx } from '../db/connection-types.ts';
import { describeAccount, type Side } from './accounts.ts';
import { type Canonical, contentHash } from './content-hash.ts';
import { LedgerError } from './errors.ts';
import {
  applyMovements,
  createAccounts,
  findTransactionsByKeys,
  insertEntriesOfMany,
  insertTransactions,
  type LedgerTransaction,
  type LockedAccount,
  lockExistingAccounts,
  movementsOf,
} from './ledger-repository.ts';
import { formatMinorUnits, toMinorUnits } from './units.ts';

export interface EntryInput {
  /** Account code, e.g. `participant:partner:R-1001:SEK`; the account is created on first use. */
  account: string;
  side: Side;
  /** Positive decimal string in the account's unit ('12.50'); never more digits than the unit's scale. */
  amount: string;
}

export interface TransactionInput {
  /** Idempotency key: the same key with the same content returns the stored transaction. */
  key: string;
  description: string;
  entries: readonly EntryInput[];
  /** A hold: reserves the amounts until `postPending` or `voidPending` completes it. */
  pending?: boolean;
  /** The key of the transaction this one corrects (a reversal or an adjustment). */
  correctsKey?: string;
  programId?: string;
  period?: string;
  /** 'YYYY-MM-DD'; the database's current date when absent. */
  effectiveDate?: string;
  metadata?: Readonly<Record<string, string>>;
  /** Debited participant and payout accounts must keep a non-negative available balance. */
  requireFunds?: boolean;
}

export interface PostResult {
  transaction: LedgerTransaction;
  /** True when the key was already posted with the same content and nothing new was written. */
  replayed: boolean;
}

/** Returns the stored transaction for a retried key, or fails when the key posted something else. */
export function replayOrConflict(stored: LedgerTransaction, hash: string): PostResult {
  if (stored.contentHash !== hash) {
    throw new LedgerError(
      'idempotency_conflict',
      `idempotency key "${stored.key}" was already used for a different posting (transaction ${stored.transactionId})`,
      { key: stored.key, transactionId: stored.transactionId },
    );
  }
  return { transaction: stored, replayed: true };
}

interface CheckedEntry {
  account: string;
  unit: string;
  side: Side;
  amount: bigint;
}

function checkInput(input: TransactionInput): CheckedEntry[] {
  const invalid = (message: string, field: string) =>
    new LedgerError('invalid_transaction', `transaction "${input.key}": ${message}`, { key: input.key, field });
  if (input.key.trim() === '') throw invalid('the idempotency key is empty', 'key');
  if (input.description.trim() === '') throw invalid('the description is empty', 'description');
  if (input.effectiveDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.effectiveDate)) {
    throw invalid(`effectiveDate "${input.effectiveDate}" is not YYYY-MM-DD`, 'effectiveDate');
  }
  if (input.entries.length < 2) throw invalid('a transaction needs at least one debit and one credit', 'entries');
  const net = new Map<string, bigint>();
  const entries = input.entries.map((entry, index) => {
    const { unit } = describeAccount(entry.account);
    const amount = toMinorUnits(entry.amount, unit, `entries[${index}].amount`);
    if (amount <= 0n) throw invalid(`entries[${index}].amount "${entry.amount}" must be positive`, `entries[${index}]`);
    if (entry.side !== 'debit' && entry.side !== 'credit') {
      throw invalid(`entries[${index}].side "${String(entry.side)}" is not debit or credit`, `entries[${index}]`);
    }
    net.set(unit, (net.get(unit) ?? 0n) + (entry.side === 'debit' ? amount : -amount));
    return { account: entry.account, unit, side: entry.side, amount };
  });
  for (const [unit, difference] of net) {
    if (difference !== 0n) {
      throw new LedgerError('unbalanced', `transaction "${input.key}": debits and credits in ${unit} differ`, {
        key: input.key,
        unit,
        difference: difference.toString(),
      });
    }
  }
  return entries;
}

function hashOf(input: TransactionInput, entries: readonly CheckedEntry[]): string {
  const canonicalEntries: Canonical[] = entries.map((e) => `${e.account}|${e.side}|${e.amount}`).sort();
  return contentHash({
    kind: input.pending ? 'pending' : 'posted',
    description: input.description,
    entries: canonicalEntries,
    correctsKey: input.correctsKey ?? null,
    programId: input.programId ?? null,
    period: input.period ?? null,
    effectiveDate: input.effectiveDate ?? null,
    metadata: { ...(input.metadata ?? {}) },
    requireFunds: input.requireFunds ?? false,
  });
}

/**
 * Checks, in posting order, that debited participant and payout accounts keep a non-negative
 * available balance; `available` starts from the locked rows and follows the batch.
 */
function checkFunds(
  input: TransactionInput,
  entries: readonly CheckedEntry[],
  accounts: Map<string, LockedAccount>,
  available: Map<string, bigint>,
): void {
  const before = (code: string) => {
    const known = available.get(code);
    if (known !== undefined) return known;
    const account = accounts.get(code);
    return account ? account.creditsPosted - account.debitsPosted - account.debitsPending : 0n;
  };
  const after = new Map<string, bigint>();
  for (const entry of entries) {
    if (describeAccount(entry.account).normalSide !== 'credit') continue;
    // A hold's credits are not available until posted; its debits are reserved at once.
    const delta = entry.side === 'debit' ? -entry.amount : input.pending ? 0n : entry.amount;
    after.set(entry.account, (after.get(entry.account) ?? before(entry.account)) + delta);
  }
  for (const entry of entries) {
    if (entry.side !== 'debit' || !after.has(entry.account) || !input.requireFunds) continue;
    if (after.get(entry.account)! < 0n) {
      throw new LedgerError(
        'insufficient_funds',
        `transaction "${input.key}" would take ${entry.account} below zero available`,
        { key: input.key, account: entry.account, available: formatMinorUnits(before(entry.account), entry.unit) },
      );
    }
  }
  for (const [code, value] of after) available.set(code, value);
}

/**
 * Posts a balanced transaction (or a hold, with `pending`) inside the caller's database
 * transaction, updating the materialized balances atomically. Idempotent by `key`. Every
 * LedgerError is thrown before anything is written, so the caller's transaction stays usable.
 */
export async function postTransaction(tx: Tx, input: TransactionInput): Promise<PostResult> {
  const [result] = await postTransactions(tx, [input]);
  return result!;
}

/**
 * Posts many transactions with a fixed number of statements (what a run posts for a period).
 * Keys already stored are replayed or refused as in `postTransaction`, and refusals are thrown
 * before anything is written. Only when another connection commits one of the keys with
 * different content while this call waits is the conflict found after writing: the caller
 * must then roll back (as on any error).
 */
export async function postTransactions(tx: Tx, inputs: readonly TransactionInput[]): Promise<PostResult[]> {
  const checked = inputs.map((input) => {
    const entries = checkInput(input);
    return { input, entries, hash: hashOf(input, entries) };
  });
  const firstByKey = new Map<string, (typeof checked)[number]>();
  for (const item of checked) {
    const first = firstByKey.get(item.input.key);
    if (first && first.hash !== item.hash) {
      throw new LedgerError(
        'idempotency_conflict',
        `idempotency key "${item.input.key}" appears twice with different content`,
        {
          key: item.input.key,
        },
      );
    }
    if (!first) firstByKey.set(item.input.key, item);
  }
  const stored = await findTransactionsByKeys(tx, [...firstByKey.keys()]);
  for (const [key, transaction] of stored) replayOrConflict(transaction, firstByKey.get(key)!.hash);
  const fresh = [...firstByKey.values()].filter((item) => !stored.has(item.input.key));

  const correctsKeys = fresh.flatMap((item) => (item.input.correctsKey === undefined ? [] : [item.input.correctsKey]));
  const corrected = await findTransactionsByKeys(tx, correctsKeys);
  for (const item of fresh) {
    const correctsKey = item.input.correctsKey;
    if (correctsKey !== undefined && !corrected.has(correctsKey)) {
      throw new LedgerError(
        'transaction_missing',
        `transaction "${item.input.key}" corrects unknown key "${correctsKey}"`,
        {
          key: correctsKey,
        },
      );
    }
  }
  const codes = [...new Set(fresh.flatMap((item) => item.entries.map((e) => e.account)))];
  const existing = await lockExistingAccounts(tx, codes);
  const available = new Map<string, bigint>();
  for (const item of fresh) checkFunds(item.input, item.entries, existing, available);

  const inserted = await insertTransactions(
    tx,
    fresh.map((item) => ({
      key: item.input.key,
      contentHash: item.hash,
      kind: item.input.pending ? 'pending' : 'posted',
      description: item.input.description,
      programId: item.input.programId ?? null,
      period: item.input.period ?? null,
      effectiveDate: item.input.effectiveDate ?? null,
      correctsId: item.input.correctsKey === undefined ? null : corrected.get(item.input.correctsKey)!.transactionId,
      completesId: null,
      metadata: { ...(item.input.metadata ?? {}) },
    })),
  );
  // Keys another connection committed while we waited for them are answered like retries.
  const raced = fresh.filter((item) => !inserted.has(item.input.key));
  const winners = await findTransactionsByKeys(
    tx,
    raced.map((item) => item.input.key),
  );
  for (const item of raced) {
    const winner = winners.get(item.input.key);
    if (!winner) throw new Error(`transaction key "${item.input.key}" conflicted but cannot be read`);
    replayOrConflict(winner, item.hash);
    stored.set(item.input.key, winner);
  }

  const written = fresh.filter((item) => inserted.has(item.input.key));
  const created = await createAccounts(
    tx,
    [...new Set(written.flatMap((item) => item.entries.map((e) => e.account)))].filter((code) => !existing.has(code)),
  );
  const accountId = (code: string) => existing.get(code)?.accountId ?? created.get(code)!;
  const rows = written.flatMap((item) =>
    item.entries.map((e) => ({
      transactionId: inserted.get(item.input.key)!.transactionId,
      accountId: accountId(e.account),
      side: e.side,
      amount: e.amount,
      status: item.input.pending ? ('pending' as const) : ('posted' as const),
    })),
  );
  const entryIds = await insertEntriesOfMany(tx, rows);
  await applyMovements(tx, movementsOf(rows));

  const results = new Map<string, PostResult>();
  for (const [key, transaction] of stored) results.set(key, { transaction, replayed: true });
  let entryIndex = 0;
  for (const item of written) {
    const row = inserted.get(item.input.key)!;
    const status = item.input.pending ? 'pending' : 'posted';
    results.set(item.input.key, {
      replayed: false,
      transaction: {
        transactionId: row.transactionId,
        key: item.input.key,
        contentHash: item.hash,
        kind: item.input.pending ? 'pending' : 'posted',
        description: item.input.description,
        programId: item.input.programId ?? null,
        period: item.input.period ?? null,
        effectiveDate: row.effectiveDate,
        correctsKey: item.input.correctsKey ?? null,
        completesKey: null,
        metadata: { ...(item.input.metadata ?? {}) },
        postedAt: row.postedAt,
        entries: item.entries.map((e) => ({
          entryId: entryIds[entryIndex++]!,
          account: e.account,
          unit: e.unit,
          side: e.side,
          amount: e.amount,
          status,
        })),
      },
    });
  }
  // A key given twice in one call is a retry of its first occurrence.
  return checked.map((item) => {
    const result = results.get(item.input.key)!;
    return firstByKey.get(item.input.key) === item ? result : { transaction: result.transaction, replayed: true };
  });
}
