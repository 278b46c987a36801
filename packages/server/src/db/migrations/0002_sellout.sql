-- Sell-out: the invoice lines distributors report, every earlier version of a corrected line,
-- lines held in quarantine, the imports that wrote them (with report and errors), and the
-- mapping profiles that describe each distributor's file layout.

-- How one distributor's report files look; stored so every weekly file is read the same way.
create table sellout_mapping_profiles (
  distributor_id text not null references partners (partner_id) on delete cascade,
  name text not null check (name ~ '^[A-Za-z0-9_.-]{1,64}$'),
  -- Canonical field (line_id, invoice_date, ...) -> column name in the file; unlisted fields keep
  -- their canonical name.
  columns jsonb not null default '{}'::jsonb check (jsonb_typeof(columns) = 'object'),
  delimiter text not null default ',' check (delimiter in (',', ';', E'\t')),
  decimal_comma boolean not null default false,
  thousands_separator text not null default '' check (thousands_separator in ('', '.', ',', ' ', '''')),
  date_format text not null default 'YYYY-MM-DD',
  encoding text not null default 'utf-8' check (encoding in ('utf-8', 'windows-1252')),
  skip_rows integer not null default 0 check (skip_rows between 0 and 1000),
  sheet text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (distributor_id, name),
  check (not (decimal_comma and thousands_separator = ','))
);

-- One committed import (a file, or a release of quarantined lines). import_id is the watermark:
-- ids are taken under a lock just before commit, so a higher id always committed later and a
-- calculation run that saw id N has seen every line version written by imports <= N.
create table sellout_imports (
  import_id bigint generated always as identity primary key,
  kind text not null check (kind in ('file', 'quarantine_release')),
  distributor_id text not null references partners (partner_id),
  profile_name text,
  file_name text,
  file_sha256 text check (file_sha256 ~ '^[0-9a-f]{64}$'),
  -- The file's header, in order, so the error CSV gives the rows back as the user sent them.
  source_columns text[] not null default '{}',
  lines_read bigint not null default 0 check (lines_read >= 0),
  imported bigint not null default 0 check (imported >= 0),
  duplicates bigint not null default 0 check (duplicates >= 0),
  corrections bigint not null default 0 check (corrections >= 0),
  quarantined bigint not null default 0 check (quarantined >= 0),
  errors bigint not null default 0 check (errors >= 0),
  started_at timestamptz not null,
  finished_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sellout_imports_distributor_idx on sellout_imports (distributor_id, import_id);

-- The current version of every reported line. distributor_id, reseller_id, sku and import_id are
-- checked by the import (unknown ones go to quarantine) rather than by foreign keys: a key check per
-- row doubled the cost of the bulk insert.
create table sellout_lines (
  distributor_id text not null,
  line_id text not null,
  invoice_date date not null,
  reseller_id text not null,
  rep_id text,
  sku text not null,
  quantity integer not null,
  net_amount numeric not null,
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  -- The import that wrote this version, and how many versions the line has had.
  import_id bigint not null,
  version integer not null default 1 check (version >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (distributor_id, line_id)
);
-- Calculation runs scan a period's lines by invoice date and group them in SQL. Weekly reports
-- arrive roughly in invoice-date order, so block ranges stay tight: BRIN indexes are tiny and cost
-- the bulk load almost nothing, where a B-tree on the date more than doubled the merge time.
create index sellout_lines_invoice_date_idx on sellout_lines using brin (invoice_date);
-- "What changed since watermark N": ids grow with time, so the same holds for import_id.
create index sellout_lines_import_idx on sellout_lines using brin (import_id);
create trigger sellout_lines_touch before update on sellout_lines
  for each row execute function spur_touch_updated_at();

-- Every version a correction replaced, so calculations can reverse what they paid on it.
create table sellout_line_history (
  distributor_id text not null,
  line_id text not null,
  version integer not null,
  invoice_date date not null,
  reseller_id text not null,
  rep_id text,
  sku text not null,
  quantity integer not null,
  net_amount numeric not null,
  currency char(3) not null,
  -- The import that wrote this version and the one whose correction replaced it.
  import_id bigint not null,
  superseded_by_import_id bigint not null references sellout_imports (import_id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (distributor_id, line_id, version)
);
create index sellout_line_history_superseded_idx on sellout_line_history (superseded_by_import_id);
create trigger sellout_line_history_touch before update on sellout_line_history
  for each row execute function spur_touch_updated_at();

-- Lines whose reseller or SKU is unknown: kept with the reasons until the master data exists.
create table sellout_quarantine (
  quarantine_id bigint generated always as identity primary key,
  distributor_id text not null references partners (partner_id),
  line_id text not null,
  invoice_date date not null,
  reseller_id text not null,
  rep_id text,
  sku text not null,
  quantity integer not null,
  net_amount numeric not null,
  currency char(3) not null,
  reasons text[] not null check (reasons <@ array['unknown_reseller', 'unknown_sku'] and cardinality(reasons) > 0),
  -- The last import that reported the line, and where in its file.
  import_id bigint not null references sellout_imports (import_id),
  file_line integer,
  -- Set once the line left quarantine: released into sellout_lines, or superseded by a later
  -- report of the same line that was valid on its own.
  resolution text check (resolution in ('released', 'superseded')),
  resolved_import_id bigint references sellout_imports (import_id),
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((resolution is null) = (resolved_import_id is null))
);
create unique index sellout_quarantine_pending_idx on sellout_quarantine (distributor_id, line_id)
  where resolution is null;
create trigger sellout_quarantine_touch before update on sellout_quarantine
  for each row execute function spur_touch_updated_at();

-- Rows of a file that could not be read (unparseable date or number, missing value ...).
create table sellout_import_errors (
  import_id bigint not null references sellout_imports (import_id) on delete cascade,
  file_line integer not null,
  -- [{code, column, value, message}], every problem of the row.
  problems jsonb not null,
  -- The row as read, keyed by the file's column names, for the downloadable error CSV.
  raw jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (import_id, file_line)
);

create trigger sellout_mapping_profiles_touch before update on sellout_mapping_profiles
  for each row execute function spur_touch_updated_at();
create trigger sellout_imports_touch before update on sellout_imports
  for each row execute function spur_touch_updated_at();
create trigger sellout_import_errors_touch before update on sellout_import_errors
  for each row execute function spur_touch_updated_at();
