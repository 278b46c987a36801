-- Sign-in, roles and data scoping: roles on users, password credentials, database sessions,
-- login throttling, API tokens, password resets, invitations, channel manager territories and
-- the mail outbox. Secrets (session tokens, API tokens, reset and invitation tokens) are stored
-- only as SHA-256 hashes, so a copy of the database does not sign anyone in.

-- Null role: the user exists (e.g. imported vendor staff) but may do nothing until given one.
alter table users add column role text check (role in (
  'vendor_admin', 'program_manager', 'finance', 'channel_manager',
  'distributor_admin', 'reseller_admin', 'sales_rep'));
alter table users add column disabled_at timestamptz;
-- Vendor roles have no partner; partner roles belong to one.
alter table users add constraint users_role_partner_check check (
  role is null
  or (role in ('vendor_admin', 'program_manager', 'finance', 'channel_manager') and partner_id is null)
  or (role in ('distributor_admin', 'reseller_admin', 'sales_rep') and partner_id is not null));
create index users_role_idx on users (role);

-- Partner users imported without a role (reps from a users file) are sales reps.
create or replace function spur_default_user_role() returns trigger language plpgsql as $$
begin
  if new.role is null and new.partner_id is not null then
    new.role := 'sales_rep';
  end if;
  return new;
end $$;
create trigger users_default_role before insert on users for each row execute function spur_default_user_role();

-- A user moved to another partner (e.g. by a users import) keeps no rights from the old one: it
-- becomes a sales rep of the new partner (no role when it leaves partners), its sessions end and
-- its API tokens are revoked (a system of the old partner must not read the new one's data).
create or replace function spur_user_partner_moved() returns trigger language plpgsql as $$
begin
  if new.partner_id is distinct from old.partner_id and new.role is not distinct from old.role then
    new.role := case when new.partner_id is null then null else 'sales_rep' end;
    update sessions set revoked_at = now() where user_id = new.user_id and revoked_at is null;
    update api_tokens set revoked_at = now() where user_id = new.user_id and revoked_at is null;
  end if;
  return new;
end $$;
update users set role = 'sales_rep' where role is null and partner_id is not null;

create table user_credentials (
  user_id text primary key references users (user_id) on delete cascade,
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- Countries a channel manager covers; it sees the partners of these countries only.
create table channel_manager_countries (
  user_id text not null references users (user_id) on delete cascade,
  country_code char(2) not null references countries (code),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (user_id, country_code)
);

create table sessions (
  session_id text primary key,
  user_id text not null references users (user_id) on delete cascade,
  token_hash text not null unique,
  -- The token before the last rotation stays valid for a short grace (parallel requests).
  previous_token_hash text unique,
  rotated_at timestamptz not null default now(),
  csrf_hash text not null,
  last_seen_at timestamptz not null default now(),
  idle_expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text not null default '',
  user_agent text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

-- Failed sign-ins, per account and per IP, shared by every API process. The account is kept as
-- a hash of the lower-case e-mail: people type passwords into the e-mail field.
create table login_failures (
  failure_id bigserial primary key,
  account_key text not null,
  ip text not null,
  failed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index login_failures_account_idx on login_failures (account_key, failed_at);
create index login_failures_ip_idx on login_failures (ip, failed_at);

create table api_tokens (
  token_id text primary key,
  user_id text not null references users (user_id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  scopes text[] not null,
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index api_tokens_user_idx on api_tokens (user_id);

create table password_resets (
  token_hash text primary key,
  user_id text not null references users (user_id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index password_resets_user_idx on password_resets (user_id);

create table invitations (
  invitation_id text primary key,
  token_hash text not null unique,
  email text not null,
  name text not null,
  language text not null,
  role text not null check (role in (
    'vendor_admin', 'program_manager', 'finance', 'channel_manager',
    'distributor_admin', 'reseller_admin', 'sales_rep')),
  partner_id text references partners (partner_id),
  invited_by text not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  user_id text references users (user_id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index invitations_partner_idx on invitations (partner_id);

-- Mails kept when no SMTP server is configured (SMTP_URL unset), so the demo works offline.
create table mail_outbox (
  mail_id bigserial primary key,
  to_address text not null,
  subject text not null,
  body_text text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index audit_log_occurred_idx on audit_log (occurred_at);

create trigger users_partner_moved before update of partner_id on users for each row execute function spur_user_partner_moved();

create trigger user_credentials_touch before update on user_credentials for each row execute function spur_touch_updated_at();
create trigger sessions_touch before update on sessions for each row execute function spur_touch_updated_at();
create trigger api_tokens_touch before update on api_tokens for each row execute function spur_touch_updated_at();
create trigger password_resets_touch before update on password_resets for each row execute function spur_touch_updated_at();
create trigger invitations_touch before update on invitations for each row execute function spur_touch_updated_at();
create trigger channel_manager_countries_touch before update on channel_manager_countries for each row execute function spur_touch_updated_at();
create trigger login_failures_touch before update on login_failures for each row execute function spur_touch_updated_at();
create trigger mail_outbox_touch before update on mail_outbox for each row execute function spur_touch_updated_at();
