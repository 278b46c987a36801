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
 * A transaction is reversed at most once; holds are not reversed but voided (`voidPending`).
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
  // A retry of this reversal is answered by postTransaction (replay or conflict).
  if (!(await findTransactionByKey(tx, input.key))) {
    // Serialises reversals of one transaction, so it is reversed at most once.
    await tx.query('select 1 from ledger_transactions where transaction_id = $1 for no key update', [
      original.transactionId,
    ]);
    const { rows } = await tx.query<{ idempotency_key: string }>(
      `select idempotency_key from ledger_transactions where corrects_transaction_id = $1 and metadata ->> 'reverses' = $2`,
      [original.transactionId, original.key],
    );
    if (rows[0]) {
      throw new LedgerError(
        'already_reversed',
        `transaction "${original.key}" was already reversed by "${rows[0].idempotency_key}"`,
        {
          key: original.key,
          reversedBy: rows[0].idempotency_key,
        },
      );
    }
  }
  return postTransaction(tx, {
    key: input.key,
    description: input.description ?? `reversal of ${original.key}`,
    correctsKey: original.key,
    metadata: { reverses: original.key },
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
