import type { ColumnType, Generated } from 'kysely';

/** Row types of the sell-out tables (migration 0002_sellout.sql is the source of truth). */
type Timestamps = {
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
};
type Decimal = ColumnType<string, string, string>;
type BigIntText = ColumnType<string, string | number, string | number>;

interface LineValues {
  distributor_id: string;
  line_id: string;
  invoice_date: string;
  reseller_id: string;
  rep_id: string | null;
  sku: string;
  quantity: number;
  net_amount: Decimal;
  currency: string;
}

export interface SellOutMappingProfilesTable extends Timestamps {
  distributor_id: string;
  name: string;
  columns: ColumnType<Record<string, string>, string, string>;
  delimiter: ',' | ';' | '\t';
  decimal_comma: boolean;
  thousands_separator: string;
  date_format: string;
  encoding: 'utf-8' | 'windows-1252';
  skip_rows: number;
  sheet: string | null;
}

export interface SellOutImportsTable extends Timestamps {
  import_id: Generated<string>;
  kind: 'file' | 'quarantine_release';
  distributor_id: string;
  profile_name: string | null;
  file_name: string | null;
  file_sha256: string | null;
  source_columns: string[];
  lines_read: BigIntText;
  imported: BigIntText;
  duplicates: BigIntText;
  corrections: BigIntText;
  quarantined: BigIntText;
  errors: BigIntText;
  started_at: Date;
  finished_at: Generated<Date>;
}

export interface SellOutLinesTable extends Timestamps, LineValues {
  import_id: BigIntText;
  version: Generated<number>;
}

export interface SellOutLineHistoryTable extends Timestamps, LineValues {
  version: number;
  import_id: BigIntText;
  superseded_by_import_id: BigIntText;
}

export interface SellOutQuarantineTable extends Timestamps, LineValues {
  quarantine_id: Generated<string>;
  reasons: ('unknown_reseller' | 'unknown_sku')[];
  import_id: BigIntText;
  file_line: number | null;
  resolution: 'released' | 'superseded' | null;
  resolved_import_id: BigIntText | null;
  resolved_at: Date | null;
}

export interface SellOutImportErrorsTable extends Timestamps {
  import_id: BigIntText;
  file_line: number;
  problems: unknown;
  raw: unknown;
}

/** Which committed imports each follow-up consumer has processed (migration 0010). */
export interface SellOutImportConsumersTable extends Timestamps {
  consumer: 'run-planner' | 'monthly-summary';
  import_id: BigIntText;
}
