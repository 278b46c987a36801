import type { ColumnType } from 'kysely';

/** Kysely row types of the tables of migration 0008 (the console's sell-out summary). */
type Timestamps = {
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
};
/** NUMERIC and BIGINT come back as exact decimal strings. */
type Exact = ColumnType<string, string, string>;

export interface SummarySellOutMonthlyTable extends Timestamps {
  month: ColumnType<string, string, string>;
  reseller_id: string;
  country: string | null;
  currency: string;
  lines: Exact;
  units: Exact;
  net_amount: Exact;
}
