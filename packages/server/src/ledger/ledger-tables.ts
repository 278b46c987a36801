import type { ColumnType, Generated } from 'kysely';

/** Kysely row types of the tables of migration 0005 (ledger, budgets, payouts, notifications). */
type Timestamps = {
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
};
/** BIGINT minor units and ids come back as exact decimal strings. */
type BigintText = ColumnType<string, string | bigint, string | bigint>;
type GeneratedId = ColumnType<string, never, never>;

export interface LedgerUnitsTable extends Timestamps {
  unit: string;
  kind: 'cash' | 'points' | 'credits';
  scale: number;
}

export interface LedgerAccountsTable extends Timestamps {
  account_id: GeneratedId;
  code: string;
  kind: 'participant' | 'program' | 'payout';
  unit: string;
  normal_side: 'debit' | 'credit';
  participant_type: 'partner' | 'user' | null;
  participant_id: string | null;
  program_id: string | null;
  debits_posted: Generated<BigintText>;
  credits_posted: Generated<BigintText>;
  debits_pending: Generated<BigintText>;
  credits_pending: Generated<BigintText>;
}

export interface LedgerTransactionsTable extends Timestamps {
  transaction_id: GeneratedId;
  idempotency_key: string;
  content_hash: string;
  kind: 'posted' | 'pending' | 'post_pending' | 'void_pending';
  description: string;
  program_id: string | null;
  period: string | null;
  effective_date: string;
  corrects_transaction_id: BigintText | null;
  completes_transaction_id: BigintText | null;
  metadata: Generated<Record<string, string>>;
  posted_at: Generated<Date>;
}

export interface LedgerEntriesTable extends Timestamps {
  entry_id: GeneratedId;
  transaction_id: BigintText;
  account_id: BigintText;
  side: 'debit' | 'credit';
  amount: BigintText;
  status: 'pending' | 'posted';
}

export interface BudgetsTable extends Timestamps {
  budget_id: GeneratedId;
  program_id: string;
  period: string;
  unit: string;
  amount: BigintText;
  committed: Generated<BigintText>;
  booked: Generated<BigintText>;
}

export interface BudgetMovesTable extends Timestamps {
  move_id: GeneratedId;
  budget_id: BigintText;
  idempotency_key: string | null;
  content_hash: string | null;
  amount_delta: Generated<BigintText>;
  committed_delta: Generated<BigintText>;
  booked_delta: Generated<BigintText>;
  reason: string;
}

export interface NotificationsTable extends Timestamps {
  notification_id: GeneratedId;
  kind: string;
  dedupe_key: string;
  subject: string;
  payload: Generated<unknown>;
  sent_at: Date | null;
}

export interface PayoutsTable extends Timestamps {
  payout_id: GeneratedId;
  idempotency_key: string;
  content_hash: string;
  program_id: string;
  period: string;
  participant_type: 'partner' | 'user';
  participant_id: string;
  unit: string;
  amount: BigintText;
  due_date: string;
  status: Generated<'pending' | 'approved' | 'paid'>;
  earning_transaction_id: BigintText;
  pending_transaction_id: BigintText;
  approved_by: string | null;
  approved_at: Date | null;
  approved_transaction_id: BigintText | null;
  paid_at: Date | null;
  paid_reference: string | null;
  paid_transaction_id: BigintText | null;
}
