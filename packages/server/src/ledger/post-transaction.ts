import type { Tx } from '../db/connection-types.ts';
import { describeAccount, type Side } from './accounts.ts';
import { type Canonical, contentHash } from './content-hash.ts';
import { LedgerError } from './errors.ts';
import {
  applyMovements,
  createAccounts,
  findTransactionByKey,
  insertEntries,
  insertTransaction,
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

/** Debited participant and payout accounts must not fall below zero available (checked under their locks). */
function checkFunds(
  key: string,
  entries: readonly CheckedEntry[],
  pending: boolean,
  accounts: Map<string, LockedAccount>,
): void {
  const change = new Map<string, bigint>();
  for (const entry of entries) {
    const delta = entry.side === 'debit' ? -entry.amount : pending ? 0n : entry.amount;
    change.set(entry.account, (change.get(entry.account) ?? 0n) + delta);
  }
  for (const entry of entries) {
    if (entry.side !== 'debit' || describeAccount(entry.account).normalSide !== 'credit') continue;
    const account = accounts.get(entry.account);
    const available = account ? account.creditsPosted - account.debitsPosted - account.debitsPending : 0n;
    if (available + change.get(entry.account)! < 0n) {
      throw new LedgerError(
        'insufficient_funds',
        `transaction "${key}" would take ${entry.account} below zero available`,
        {
          key,
          account: entry.account,
          available: formatMinorUnits(available, entry.unit),
        },
      );
    }
  }
}

/**
 * Posts a balanced transaction (or a hold, with `pending`) inside the caller's database
 * transaction, updating the materialized balances atomically. Idempotent by `key`. Every
 * LedgerError is thrown before anything is written, so the caller's transaction stays usable.
 */
export async function postTransaction(tx: Tx, input: TransactionInput): Promise<PostResult> {
  const entries = checkInput(input);
  const hash = hashOf(input, entries);
  const stored = await findTransactionByKey(tx, input.key);
  if (stored) return replayOrConflict(stored, hash);

  let correctsId: string | null = null;
  if (input.correctsKey !== undefined) {
    const corrected = await findTransactionByKey(tx, input.correctsKey);
    if (!corrected) {
      throw new LedgerError(
        'transaction_missing',
        `transaction "${input.key}" corrects unknown key "${input.correctsKey}"`,
        {
          key: input.correctsKey,
        },
      );
    }
    correctsId = corrected.transactionId;
  }
  const codes = entries.map((e) => e.account);
  const existing = await lockExistingAccounts(tx, codes);
  const pending = input.pending ?? false;
  if (input.requireFunds) checkFunds(input.key, entries, pending, existing);
  const kind = pending ? 'pending' : 'posted';
  const metadata = { ...(input.metadata ?? {}) };
  const inserted = await insertTransaction(tx, {
    key: input.key,
    contentHash: hash,
    kind,
    description: input.description,
    programId: input.programId ?? null,
    period: input.period ?? null,
    effectiveDate: input.effectiveDate ?? null,
    correctsId,
    completesId: null,
    metadata,
  });
  if (!inserted) {
    // Another connection committed the same key while we waited for it.
    const winner = await findTransactionByKey(tx, input.key);
    if (!winner) throw new Error(`transaction key "${input.key}" conflicted but cannot be read`);
    return replayOrConflict(winner, hash);
  }
  const created = await createAccounts(
    tx,
    codes.filter((code) => !existing.has(code)),
  );
  const accountId = (code: string) => existing.get(code)?.accountId ?? created.get(code)!;
  const status = pending ? 'pending' : 'posted';
  const rows = entries.map(
    (e) => ({ accountId: accountId(e.account), side: e.side, amount: e.amount, status }) as const,
  );
  const entryIds = await insertEntries(tx, inserted.transactionId, rows);
  await applyMovements(tx, movementsOf(rows));
  return {
    replayed: false,
    transaction: {
      transactionId: inserted.transactionId,
      key: input.key,
      contentHash: hash,
      kind,
      description: input.description,
      programId: input.programId ?? null,
      period: input.period ?? null,
      effectiveDate: inserted.effectiveDate,
      correctsKey: input.correctsKey ?? null,
      completesKey: null,
      metadata,
      postedAt: inserted.postedAt,
      entries: entries.map((e, index) => ({
        entryId: entryIds[index]!,
        account: e.account,
        unit: e.unit,
        side: e.side,
        amount: e.amount,
        status,
      })),
    },
  };
}
