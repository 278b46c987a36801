-- The vendor console's live dashboard reads sell-out through this monthly summary instead of
-- scanning sellout_lines: one row per month, reseller and currency (the reseller's country kept
-- for territory filters). It is rebuilt when an import newer than its watermark exists.
create table summary_sellout_monthly (
  month date not null,
  reseller_id text not null,
  country text,
  currency char(3) not null,
  lines bigint not null,
  units bigint not null,
  net_amount numeric not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (month, reseller_id, currency)
);
create index summary_sellout_monthly_country_idx on summary_sellout_monthly (country, month);
create trigger summary_sellout_monthly_touch before update on summary_sellout_monthly
  for each row execute function spur_touch_updated_at();

-- The highest sell-out import the summary above includes.
create table summary_sellout_watermark (
  name text primary key check (name = 'monthly'),
  import_id bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger summary_sellout_watermark_touch before update on summary_sellout_watermark
  for each row execute function spur_touch_updated_at();
