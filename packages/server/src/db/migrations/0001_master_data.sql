-- Master data: countries, clusters, partners, users, user groups, products, FX rates, goals,
-- and the audit trail of their changes. Every table carries created_at / updated_at.

create or replace function spur_touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

create table countries (
  code char(2) primary key check (code ~ '^[A-Z]{2}$'),
  name text not null,
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  language text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Regions / country clusters (DACH, Nordics, UK&I, Benelux, EMEA ...); a country may be in several.
create table clusters (
  cluster_id text primary key,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table cluster_countries (
  cluster_id text not null references clusters (cluster_id) on delete cascade,
  country_code char(2) not null references countries (code),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (cluster_id, country_code)
);

create table partners (
  partner_id text primary key,
  name text not null,
  type text not null check (type in ('distributor', 'reseller')),
  country char(2) not null references countries (code),
  -- Free text (registered, silver, gold, platinum ...); rules compare it case-insensitively.
  level text not null default '',
  -- The preferred distributor of a reseller; null for distributors. Not a foreign key so that a
  -- partners file can list resellers before their distributor (checked by the import instead).
  distributor_id text,
  individual_agreement boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (type = 'reseller' or distributor_id is null)
);
create index partners_country_idx on partners (country);
create index partners_distributor_idx on partners (distributor_id);

create table user_groups (
  group_id text primary key,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table users (
  user_id text primary key,
  -- Null for vendor staff; set for partner users (admins and reps).
  partner_id text references partners (partner_id),
  email text not null,
  name text not null,
  language text not null default 'en',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_idx on users (lower(email));
create index users_partner_idx on users (partner_id);

create table user_group_members (
  user_id text not null references users (user_id) on delete cascade,
  group_id text not null references user_groups (group_id) on delete cascade,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (user_id, group_id)
);

create table products (
  sku text primary key,
  name text not null,
  family text not null,
  category text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index products_family_idx on products (family);

-- 1 unit of `currency` equals `eur_rate` EUR for invoices dated in `month` (first day of month).
create table fx_rates (
  month date not null check (extract(day from month) = 1),
  currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
  eur_rate numeric(24, 12) not null check (eur_rate > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (month, currency)
);

create table goals (
  program_id text not null,
  participant_id text not null,
  period_start date not null,
  metric text not null check (metric in ('units', 'revenue')),
  target numeric(20, 4) not null check (target >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (program_id, participant_id, period_start)
);

-- Who changed which master record when, with the row before and after.
create table audit_log (
  audit_id bigserial primary key,
  occurred_at timestamptz not null default now(),
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text not null,
  before jsonb,
  after jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index audit_log_entity_idx on audit_log (entity, entity_id);

create trigger countries_touch before update on countries for each row execute function spur_touch_updated_at();
create trigger clusters_touch before update on clusters for each row execute function spur_touch_updated_at();
create trigger partners_touch before update on partners for each row execute function spur_touch_updated_at();
create trigger user_groups_touch before update on user_groups for each row execute function spur_touch_updated_at();
create trigger users_touch before update on users for each row execute function spur_touch_updated_at();
create trigger products_touch before update on products for each row execute function spur_touch_updated_at();
create trigger fx_rates_touch before update on fx_rates for each row execute function spur_touch_updated_at();
create trigger goals_touch before update on goals for each row execute function spur_touch_updated_at();
