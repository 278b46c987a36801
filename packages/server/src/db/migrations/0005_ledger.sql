-- The ledger (double-entry, append-only, integer minor units), program budgets per period with
-- their journal of moves, payouts due, and the notifications budget alerts raise.

-- A unit of account and its declared scale: cash currencies by their ISO 4217 minor unit,
-- points and credits whole. Rows are added on first use by the ledger service.
create table ledger_units (
  unit text primary key check (unit ~ '^([A-Z]{3}|points|credits)$'),
  kind text not null check (kind in ('cash', 'points', 'credits')),
  scale smallint not null check (scale between 0 and 4),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind = 'cash') = (unit ~ '^[A-Z]{3}$'))
);
create trigger ledger_units_touch before update on ledger_units
  for each row execute function spur_touch_updated_at();

-- An account is named by a readable code (participant:partner:R-1001:SEK, program:cashpaq:expense:SEK,
-- payout:pending:partner:R-1001:SEK) and created on first use. The four sums are materialized from
-- the entries in the same database transaction that posts them.
create table ledger_accounts (
  account_id bigint generated always as identity primary key,
  code text not null unique,
  kind text not null check (kind in ('participant', 'program', 'payout')),
  unit text not null references ledger_units (unit),
  -- Which side increases the balance: credit for what is owed to participants, debit for program cost.
  normal_side text not null check (normal_side in ('debit', 'credit')),
  participant_type text check (participant_type in ('partner', 'user')),
  participant_id text,
  program_id text,
  debits_posted bigint not null default 0 check (debits_posted >= 0),
  credits_posted bigint not null default 0 check (credits_posted >= 0),
  debits_pending bigint not null default 0 check (debits_pending >= 0),
  credits_pending bigint not null default 0 check (credits_pending >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((participant_type is null) = (participant_id is null))
);
create index ledger_accounts_participant_idx on ledger_accounts (participant_id, participant_type);
create index ledger_accounts_program_idx on ledger_accounts (program_id);
create trigger ledger_accounts_touch before update on ledger_accounts
  for each row execute function spur_touch_updated_at();

-- pending reserves (a hold); post_pending and void_pending complete one pending transaction, once.
create table ledger_transactions (
  transaction_id bigint generated always as identity primary key,
  idempotency_key text not null unique,
  -- sha256 of the canonical content, so a retry with the same key can be told from a different posting.
  content_hash text not null,
  kind text not null check (kind in ('posted', 'pending', 'post_pending', 'void_pending')),
  description text not null,
  program_id text,
  period text,
  effective_date date not null,
  corrects_transaction_id bigint references ledger_transactions (transaction_id),
  completes_transaction_id bigint unique references ledger_transactions (transaction_id),
  metadata jsonb not null default '{}',
  posted_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((kind in ('post_pending', 'void_pending')) = (completes_transaction_id is not null))
);
create index ledger_transactions_corrects_idx on ledger_transactions (corrects_transaction_id)
  where corrects_transaction_id is not null;
create index ledger_transactions_program_idx on ledger_transactions (program_id, period);
create trigger ledger_transactions_touch before update on ledger_transactions
  for each row execute function spur_touch_updated_at();

create table ledger_entries (
  entry_id bigint generated always as identity primary key,
  transaction_id bigint not null references ledger_transactions (transaction_id),
  account_id bigint not null references ledger_accounts (account_id),
  side text not null check (side in ('debit', 'credit')),
  amount bigint not null check (amount > 0),
  status text not null check (status in ('pending', 'posted')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index ledger_entries_account_idx on ledger_entries (account_id, entry_id);
create index ledger_entries_transaction_idx on ledger_entries (transaction_id);
create trigger ledger_entries_touch before update on ledger_entries
  for each row execute function spur_touch_updated_at();

-- Append-only: corrections are new transactions that reference what they correct.
create or replace function spur_ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the ledger is append-only: % on % is not allowed', tg_op, tg_table_name
    using errcode = 'P0001';
end $$;
create trigger ledger_transactions_append_only before update or delete on ledger_transactions
  for each row execute function spur_ledger_append_only();
create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row execute function spur_ledger_append_only();

-- A budget of one program (a sub-program has its own program id) for one period, in minor units
-- of its unit. committed: held by provisional runs; booked: spent by final runs.
create table budgets (
  budget_id bigint generated always as identity primary key,
  program_id text not null,
  period text not null,
  unit text not null references ledger_units (unit),
  amount bigint not null check (amount >= 0),
  committed bigint not null default 0 check (committed >= 0),
  booked bigint not null default 0 check (booked >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (program_id, period),
  check (committed + booked <= amount)
);
create trigger budgets_touch before update on budgets
  for each row execute function spur_touch_updated_at();

-- The journal of every budget change; the budgets row is its materialized sum.
create table budget_moves (
  move_id bigint generated always as identity primary key,
  budget_id bigint not null references budgets (budget_id),
  -- Null for amount changes (setting an amount is naturally idempotent).
  idempotency_key text unique,
  content_hash text,
  amount_delta bigint not null default 0,
  committed_delta bigint not null default 0,
  booked_delta bigint not null default 0,
  reason text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((idempotency_key is null) = (content_hash is null))
);
create index budget_moves_budget_idx on budget_moves (budget_id, move_id);
create trigger budget_moves_touch before update on budget_moves
  for each row execute function spur_touch_updated_at();

-- Stored once each (dedupe_key); sent by e-mail in a later issue (sent_at).
create table notifications (
  notification_id bigint generated always as identity primary key,
  kind text not null,
  dedupe_key text not null unique,
  subject text not null,
  payload jsonb not null default '{}',
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger notifications_touch before update on notifications
  for each row execute function spur_touch_updated_at();

-- One payout per cash earning: pending -> approved (by finance, not the program's configurer) -> paid.
create table payouts (
  payout_id bigint generated always as identity primary key,
  idempotency_key text not null unique,
  content_hash text not null,
  program_id text not null,
  period text not null,
  participant_type text not null check (participant_type in ('partner', 'user')),
  participant_id text not null,
  unit text not null references ledger_units (unit),
  amount bigint not null check (amount > 0),
  due_date date not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'paid')),
  earning_transaction_id bigint not null unique references ledger_transactions (transaction_id),
  pending_transaction_id bigint not null references ledger_transactions (transaction_id),
  approved_by text references users (user_id),
  approved_at timestamptz,
  approved_transaction_id bigint references ledger_transactions (transaction_id),
  paid_at timestamptz,
  paid_reference text,
  paid_transaction_id bigint references ledger_transactions (transaction_id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'pending') = (approved_by is null)),
  check ((status = 'paid') = (paid_transaction_id is not null))
);
create index payouts_due_idx on payouts (status, due_date);
create index payouts_participant_idx on payouts (participant_id, participant_type);
create trigger payouts_touch before update on payouts
  for each row execute function spur_touch_updated_at();
