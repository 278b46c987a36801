import type { ColumnType, Generated } from 'kysely';

/**
 * Row types of the tables, for the typed query builder. The SQL files in `migrations/` are the
 * source of truth; keep this file in step with them. DATE columns are 'YYYY-MM-DD' strings,
 * NUMERIC and BIGINT columns exact decimal strings (see the driver type parsers).
 */
type Timestamps = {
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
};
type Decimal = ColumnType<string, string | number, string | number>;

export interface CountriesTable extends Timestamps {
  code: string;
  name: string;
  currency: string;
  language: string;
}

export interface ClustersTable extends Timestamps {
  cluster_id: string;
  name: string;
}

export interface ClusterCountriesTable extends Timestamps {
  cluster_id: string;
  country_code: string;
}

export interface PartnersTable extends Timestamps {
  partner_id: string;
  name: string;
  type: 'distributor' | 'reseller';
  country: string;
  level: string;
  distributor_id: string | null;
  individual_agreement: boolean;
}

export interface UserGroupsTable extends Timestamps {
  group_id: string;
  name: string;
}

export interface UsersTable extends Timestamps {
  user_id: string;
  partner_id: string | null;
  email: string;
  name: string;
  language: string;
  /** Added by 0004_auth; null = no access yet (partner users default to sales_rep). */
  role: string | null;
  disabled_at: Date | null;
}

export interface UserGroupMembersTable extends Timestamps {
  user_id: string;
  group_id: string;
}

export interface ProductsTable extends Timestamps {
  sku: string;
  name: string;
  family: string;
  category: string;
}

export interface FxRatesTable extends Timestamps {
  month: string;
  currency: string;
  eur_rate: Decimal;
}

export interface GoalsTable extends Timestamps {
  program_id: string;
  participant_id: string;
  period_start: string;
  metric: 'units' | 'revenue';
  target: Decimal;
}

export interface AuditLogTable extends Timestamps {
  audit_id: Generated<string>;
  occurred_at: Generated<Date>;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

export interface Database {
  countries: CountriesTable;
  clusters: ClustersTable;
  cluster_countries: ClusterCountriesTable;
  partners: PartnersTable;
  user_groups: UserGroupsTable;
  users: UsersTable;
  user_group_members: UserGroupMembersTable;
  products: ProductsTable;
  fx_rates: FxRatesTable;
  goals: GoalsTable;
  audit_log: AuditLogTable;
  ledger_units: import('../ledger/ledger-tables.ts').LedgerUnitsTable;
  ledger_accounts: import('../ledger/ledger-tables.ts').LedgerAccountsTable;
  ledger_transactions: import('../ledger/ledger-tables.ts').LedgerTransactionsTable;
  ledger_entries: import('../ledger/ledger-tables.ts').LedgerEntriesTable;
  budgets: import('../ledger/ledger-tables.ts').BudgetsTable;
  budget_moves: import('../ledger/ledger-tables.ts').BudgetMovesTable;
  notifications: import('../ledger/ledger-tables.ts').NotificationsTable;
  payouts: import('../ledger/ledger-tables.ts').PayoutsTable;
  user_credentials: import('../auth/auth-tables.ts').UserCredentialsTable;
  channel_manager_countries: import('../auth/auth-tables.ts').ChannelManagerCountriesTable;
  sessions: import('../auth/auth-tables.ts').SessionsTable;
  login_failures: import('../auth/auth-tables.ts').LoginFailuresTable;
  api_tokens: import('../auth/auth-tables.ts').ApiTokensTable;
  password_resets: import('../auth/auth-tables.ts').PasswordResetsTable;
  invitations: import('../auth/auth-tables.ts').InvitationsTable;
  mail_outbox: import('../auth/auth-tables.ts').MailOutboxTable;
  sellout_mapping_profiles: import('../sellout/sellout-tables.ts').SellOutMappingProfilesTable;
  sellout_imports: import('../sellout/sellout-tables.ts').SellOutImportsTable;
  sellout_lines: import('../sellout/sellout-tables.ts').SellOutLinesTable;
  sellout_line_history: import('../sellout/sellout-tables.ts').SellOutLineHistoryTable;
  sellout_quarantine: import('../sellout/sellout-tables.ts').SellOutQuarantineTable;
  sellout_import_errors: import('../sellout/sellout-tables.ts').SellOutImportErrorsTable;
  programs: import('../runs/run-tables.ts').ProgramsTable;
  program_versions: import('../runs/run-tables.ts').ProgramVersionsTable;
  program_periods: import('../runs/run-tables.ts').ProgramPeriodsTable;
  calc_runs: import('../runs/run-tables.ts').CalcRunsTable;
  run_results: import('../runs/run-tables.ts').RunResultsTable;
  earnings: import('../runs/run-tables.ts').EarningsTable;
  earning_postings: import('../runs/run-tables.ts').EarningPostingsTable;
  summary_participants: import('../runs/run-tables.ts').SummaryParticipantsTable;
  summary_totals: import('../runs/run-tables.ts').SummaryTotalsTable;
  summary_sellout_monthly: import('../console/console-tables.ts').SummarySellOutMonthlyTable;
  sellout_import_consumers: import('../sellout/sellout-tables.ts').SellOutImportConsumersTable;
}
