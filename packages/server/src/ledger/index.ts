// The ledger's service API, for calculation runs, redemptions and the HTTP routes.
export {
  type AccountDescriptor,
  describeAccount,
  type Participant,
  participantAccount,
  payoutAccount,
  programAccount,
} from './accounts.ts';
export {
  type AccountBalance,
  type AccountFilter,
  balanceOf,
  type EntryLine,
  type EntryPage,
  listEntries,
} from './balances.ts';
export { checkLedger, type LedgerCheck } from './check-ledger.ts';
export { type ReverseInput, reverseTransaction } from './corrections.ts';
export { LedgerError, type LedgerErrorCode } from './errors.ts';
export { type CompletePendingInput, postPending, voidPending } from './holds.ts';
export { findTransactionByKey, type LedgerEntry, type LedgerTransaction } from './ledger-repository.ts';
export {
  approvePayout,
  createPayout,
  listPayouts,
  markPayoutPaid,
  type Payout,
  type PayoutStatus,
  payoutDueDate,
} from './payouts.ts';
export {
  type EntryInput,
  type PostResult,
  postTransaction,
  postTransactions,
  type TransactionInput,
} from './post-transaction.ts';
export { formatMinorUnits, type LedgerUnit, ledgerUnit, toMinorUnits } from './units.ts';
