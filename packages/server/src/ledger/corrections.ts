import type { Tx } from '../db/connection-types.ts';
import { LedgerError } from './errors.ts';
import { findTransactionByKey } from './ledger-repository.ts';
import { type PostResult, postTransaction } from './post-transaction.ts';
import { formatMinorUnits } from './units.ts';

export interface ReverseInput {
  /** Idempotency key of the reversing transaction. */
  key: string;
  /** Key of the posted transaction to undo. */
  reversesKey: string;
  description?: string;
  effectiveDate?: string;
}

/**
 * Undoes a posted transaction with a new one that swaps every debit and credit and references it.
 * Holds are not reversed but voided (`voidPending`).
 */
export async function reverseTransaction(tx: Tx, input: ReverseInput): Promise<PostResult> {
  const original = await findTransactionByKey(tx, input.reversesKey);
  if (!original) {
    throw new LedgerError('transaction_missing', `transaction "${input.reversesKey}" does not exist`, {
      key: input.reversesKey,
    });
  }
  if (original.kind !== 'posted' && original.kind !== 'post_pending') {
    throw new LedgerError(
      'cannot_correct',
      `transaction "${input.reversesKey}" is ${original.kind}; only posted transactions are reversed (void a hold instead)`,
      { key: input.reversesKey },
    );
  }
  return postTransaction(tx, {
    key: input.key,
    description: input.description ?? `reversal of ${original.key}`,
    correctsKey: original.key,
    programId: original.programId ?? undefined,
    period: original.period ?? undefined,
    effectiveDate: input.effectiveDate,
    entries: original.entries.map((entry) => ({
      account: entry.account,
      side: entry.side === 'debit' ? 'credit' : 'debit',
      amount: formatMinorUnits(entry.amount, entry.unit),
    })),
  });
}
