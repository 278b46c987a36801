import type { ColumnType, Generated } from 'kysely';

/** Kysely row types of the tables of migrations 0006 and 0007 (programs, runs, earnings, summaries). */
type Timestamps = {
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
};
/** NUMERIC and BIGINT come back as exact decimal strings. */
type Exact = ColumnType<string, string, string>;
type GeneratedId = ColumnType<string, never, never>;
type DateText = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface ProgramsTable extends Timestamps {
  program_id: string;
  parent_program_id: string | null;
  name: string;
  unit: string;
  status: Generated<'draft' | 'active' | 'closed'>;
  current_version: number;
  configured_by: string | null;
  activated_at: Date | null;
  closed_at: Date | null;
}

export interface ProgramVersionsTable extends Timestamps {
  program_id: string;
  version: number;
  document: Json;
  source: string;
  content_sha256: string;
  effective_from: DateText;
  applied_by: string | null;
}

export interface ProgramPeriodsTable extends Timestamps {
  program_id: string;
  period_start: DateText;
  period_end: DateText;
  label: string;
  status: Generated<'open' | 'final'>;
  program_version: number;
  committed: Generated<string>;
  final_run_id: string | null;
  finalized_at: Date | null;
}

export interface CalcRunsTable extends Timestamps {
  run_id: GeneratedId;
  program_id: string;
  period_start: DateText;
  period_end: DateText;
  label: string;
  kind: 'provisional' | 'final';
  status: Generated<'running' | 'succeeded' | 'failed'>;
  trigger: 'cli' | 'schedule' | 'import' | 'finalize' | 'api' | 'test';
  program_version: number | null;
  watermark: string | null;
  facts: number | null;
  lines: string | null;
  earners: number | null;
  total: string | null;
  unit: string | null;
  postings: Generated<number>;
  timings: Generated<Json>;
  error: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
}

export interface RunResultsTable extends Timestamps {
  run_id: string;
  participant_type: 'partner' | 'user';
  participant_id: string;
  amount: Exact;
  unit: string;
  payout_due: DateText | null;
  explanation: Json;
}

export interface EarningsTable extends Timestamps {
  program_id: string;
  period_start: DateText;
  participant_type: 'partner' | 'user';
  participant_id: string;
  unit: string;
  amount: Exact;
  payout_due: DateText | null;
  explanation: Json;
  last_run_id: string;
  content_sha256: string | null;
}

export interface EarningPostingsTable extends Timestamps {
  posting_id: GeneratedId;
  program_id: string;
  period_start: DateText;
  participant_type: 'partner' | 'user';
  participant_id: string;
  seq: number;
  kind: 'earning' | 'adjustment' | 'late_adjustment';
  delta: Exact;
  amount_after: Exact;
  run_id: string;
  transaction_key: string;
  corrects_key: string | null;
  posted_period_start: DateText;
  posted_period_label: string;
}

export interface SummaryParticipantsTable extends Timestamps {
  program_id: string;
  period_start: DateText;
  participant_type: 'partner' | 'user';
  participant_id: string;
  partner_id: string | null;
  partner_type: string | null;
  country: string | null;
  unit: string;
  amount: Exact;
  measure: string | null;
  status: 'provisional' | 'final';
}

export interface SummaryTotalsTable extends Timestamps {
  program_id: string;
  period_start: DateText;
  dimension: 'program' | 'partner' | 'country' | 'cluster' | 'partner_type';
  dimension_key: string;
  unit: string;
  amount: Exact;
  earners: number;
  status: 'provisional' | 'final';
}
