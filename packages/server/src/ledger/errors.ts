/** What went wrong, as a code the CLI, API and UI can translate. */
export type LedgerErrorCode =
  | 'invalid_unit'
  | 'invalid_amount'
  | 'amount_precision'
  | 'invalid_account'
  | 'invalid_transaction'
  | 'unbalanced'
  | 'idempotency_conflict'
  | 'transaction_missing'
  | 'not_pending'
  | 'pending_already_completed'
  | 'cannot_correct'
  | 'already_reversed'
  | 'insufficient_funds'
  | 'budget_missing'
  | 'budget_unit_mismatch'
  | 'budget_exceeded'
  | 'budget_below_used'
  | 'budget_negative'
  | 'payout_missing'
  | 'payout_not_cash'
  | 'payout_wrong_status'
  | 'payout_approver_invalid'
  | 'payout_four_eyes';

/** A typed error of the ledger, budgets and payouts services. */
export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly details: Readonly<Record<string, string>>;

  constructor(code: LedgerErrorCode, message: string, details: Record<string, string> = {}) {
    super(message);
    this.name = 'LedgerError';
    this.code = code;
    this.details = details;
  }
}
