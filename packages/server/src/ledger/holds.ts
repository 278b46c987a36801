import type { Tx } from '../db/connection-types.ts';
import { contentHash } from './content-hash.ts';
import { LedgerError } from './errors.ts';
import {
  applyMovements,
  findCompletionOf,
  findTransactionById,
  findTransactionByKey,
  insertEntries,
  insertTransaction,
  lockExistingAccounts,
  movementsOf,
} from './ledger-repository.ts';
import { type PostResult, replayOrConflict } from './post-transaction.ts';

export interface CompletePendingInput {
  /** Idempotency key of the completing transaction. */
  key: string;
  /** Key of the pending transaction (the hold) to complete. */
  pendingKey: string;
  description?: string;
  /** 'YYYY-MM-DD'; the database's current date when absent. */
  effectiveDate?: string;
}

/** Turns a hold into posted entries on the same accounts, once. */
export function postPending(tx: Tx, input: CompletePendingInput): Promise<PostResult> {
  return completePending(tx, input, 'post_pending');
}

/** Releases a hold without moving anything, once. */
export function voidPending(tx: Tx, input: CompletePendingInput): Promise<PostResult> {
  return completePending(tx, input, 'void_pending');
}

async function completePending(
  tx: Tx,
  input: CompletePendingInput,
  kind: 'post_pending' | 'void_pending',
): Promise<PostResult> {
  const hash = contentHash({
    kind,
    pendingKey: input.pendingKey,
    description: input.description ?? null,
    effectiveDate: input.effectiveDate ?? null,
  });
  const stored = await findTransactionByKey(tx, input.key);
  if (stored) return replayOrConflict(stored, hash);

  const pending = await findTransactionByKey(tx, input.pendingKey);
  if (!pending) {
    throw new LedgerError('transaction_missing', `pending transaction "${input.pendingKey}" does not exist`, {
      key: input.pendingKey,
    });
  }
  if (pending.kind !== 'pending') {
    throw new LedgerError('not_pending', `transaction "${input.pendingKey}" is ${pending.kind}, not a pending hold`, {
      key: input.pendingKey,
    });
  }
  const accounts = await lockExistingAccounts(
    tx,
    pending.entries.map((e) => e.account),
  );
  const action = kind === 'post_pending' ? 'post' : 'void';
  const inserted = await insertTransaction(tx, {
    key: input.key,
    contentHash: hash,
    kind,
    description: input.description ?? `${action} of ${pending.key}`,
    programId: pending.programId,
    period: pending.period,
    effectiveDate: input.effectiveDate ?? null,
    correctsId: null,
    completesId: pending.transactionId,
    metadata: {},
  });
  if (!inserted) {
    const sameKey = await findTransactionByKey(tx, input.key);
    if (sameKey) return replayOrConflict(sameKey, hash);
    const completion = await findCompletionOf(tx, pending.transactionId);
    throw new LedgerError(
      'pending_already_completed',
      `pending transaction "${input.pendingKey}" was already completed by "${completion?.key ?? 'another transaction'}"`,
      { key: input.pendingKey, completedBy: completion?.key ?? '' },
    );
  }
  const held = pending.entries.map((e) => ({
    accountId: accounts.get(e.account)!.accountId,
    side: e.side,
    amount: e.amount,
    status: 'pending' as const,
  }));
  const posted = kind === 'post_pending' ? held.map((e) => ({ ...e, status: 'posted' as const })) : [];
  await insertEntries(tx, inserted.transactionId, posted);
  // Releasing the hold and posting its entries is one movement per account.
  await applyMovements(tx, movementsOf([...held.map((e) => ({ ...e, sign: -1n as const })), ...posted]));
  return { transaction: (await findTransactionById(tx, inserted.transactionId))!, replayed: false };
}
