-- Programs as versioned documents, calculation runs with their per-participant results, the
-- earnings each program period has posted to the ledger (and every adjustment), period close,
-- and the summary tables dashboards read instead of sell-out lines.

-- A program (or a sub-program under parent_program_id, with its own rules and budget).
create table programs (
  program_id text primary key check (program_id ~ '^[a-z0-9][a-z0-9_-]*$'),
  parent_program_id text references programs (program_id),
  name text not null,
  unit text not null,
  status text not null default 'draft' check (status in ('draft', 'active', 'closed')),
  current_version integer not null check (current_version >= 1),
  -- The user who applied the latest version: four eyes keeps them from approving its payouts.
  configured_by text,
  activated_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_program_id is null or parent_program_id <> program_id)
);
create index programs_parent_idx on programs (parent_program_id) where parent_program_id is not null;
create trigger programs_touch before update on programs
  for each row execute function spur_touch_updated_at();

-- Every version ever applied; the document is the validated program (engine schema) as JSON.
create table program_versions (
  program_id text not null references programs (program_id),
  version integer not null check (version >= 1),
  document jsonb not null,
  source text not null,
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  -- Periods starting on or after this date are calculated with this version (until a later one).
  effective_from date not null,
  applied_by text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (program_id, version)
);
create trigger program_versions_touch before update on program_versions
  for each row execute function spur_touch_updated_at();

-- One settlement period of a program that a run has calculated. Final periods are never edited:
-- later changes post as adjustments into the next open period.
create table program_periods (
  program_id text not null references programs (program_id),
  period_start date not null,
  period_end date not null,
  label text not null,
  status text not null default 'open' check (status in ('open', 'final')),
  -- The version the period was (last) calculated with; kept once final.
  program_version integer not null,
  -- Budget committed by provisional runs of this period, in the program unit (released when final).
  committed numeric not null default 0,
  final_run_id bigint,
  finalized_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (program_id, period_start),
  check ((status = 'final') = (final_run_id is not null))
);
create trigger program_periods_touch before update on program_periods
  for each row execute function spur_touch_updated_at();

-- One calculation of one program period. At most one run of a program period is running at a
-- time (the unique index); the run itself also holds an advisory lock while it writes.
create table calc_runs (
  run_id bigint generated always as identity primary key,
  program_id text not null references programs (program_id),
  period_start date not null,
  period_end date not null,
  label text not null,
  kind text not null check (kind in ('provisional', 'final')),
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  trigger text not null check (trigger in ('cli', 'schedule', 'import', 'finalize', 'api', 'test')),
  program_version integer,
  -- The highest sell-out import id the run saw (every line version of imports <= it).
  watermark bigint,
  facts integer,
  lines bigint,
  earners integer,
  total numeric,
  unit text,
  -- Ledger transactions this run posted (0 when nothing changed).
  postings integer not null default 0,
  -- Milliseconds per step: aggregate, price, post, summarize, total.
  timings jsonb not null default '{}',
  error text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index calc_runs_one_running_idx on calc_runs (program_id, period_start) where status = 'running';
create index calc_runs_program_idx on calc_runs (program_id, period_start, run_id);
create trigger calc_runs_touch before update on calc_runs
  for each row execute function spur_touch_updated_at();

-- Per-participant results of a run, with the engine's explanation.
create table run_results (
  run_id bigint not null references calc_runs (run_id) on delete cascade,
  participant_type text not null check (participant_type in ('partner', 'user')),
  participant_id text not null,
  amount numeric not null,
  unit text not null,
  payout_due date,
  explanation jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (run_id, participant_type, participant_id)
);
create trigger run_results_touch before update on run_results
  for each row execute function spur_touch_updated_at();

-- What each participant earns in a program period as posted to the ledger: the sum of its
-- earning_postings. The last run's explanation is kept for statements.
create table earnings (
  program_id text not null references programs (program_id),
  period_start date not null,
  participant_type text not null check (participant_type in ('partner', 'user')),
  participant_id text not null,
  unit text not null,
  amount numeric not null,
  payout_due date,
  explanation jsonb not null,
  last_run_id bigint not null references calc_runs (run_id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (program_id, period_start, participant_type, participant_id)
);
create index earnings_participant_idx on earnings (participant_id, participant_type);
create trigger earnings_touch before update on earnings
  for each row execute function spur_touch_updated_at();

-- Every ledger posting of an earning: the first (kind earning) and each difference after it
-- (adjustment), or a change that arrived after the period was final (late_adjustment, posted into
-- the next open period).
create table earning_postings (
  posting_id bigint generated always as identity primary key,
  program_id text not null,
  period_start date not null,
  participant_type text not null,
  participant_id text not null,
  seq integer not null check (seq >= 1),
  kind text not null check (kind in ('earning', 'adjustment', 'late_adjustment')),
  delta numeric not null check (delta <> 0),
  amount_after numeric not null,
  run_id bigint not null references calc_runs (run_id),
  transaction_key text not null unique,
  corrects_key text,
  -- The period the posting belongs to in the ledger (the next open one for late adjustments).
  posted_period_start date not null,
  posted_period_label text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (program_id, period_start, participant_type, participant_id, seq)
);
create index earning_postings_posted_idx on earning_postings (program_id, posted_period_start);
create trigger earning_postings_touch before update on earning_postings
  for each row execute function spur_touch_updated_at();

-- Dashboards: one row per program period participant, with the participant's partner attributes.
create table summary_participants (
  program_id text not null,
  period_start date not null,
  participant_type text not null,
  participant_id text not null,
  partner_id text,
  partner_type text,
  country text,
  unit text not null,
  amount numeric not null,
  measure numeric,
  status text not null check (status in ('provisional', 'final')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (program_id, period_start, participant_type, participant_id)
);
create index summary_participants_partner_idx on summary_participants (partner_id);
create trigger summary_participants_touch before update on summary_participants
  for each row execute function spur_touch_updated_at();

-- Dashboards: totals of a program period by one dimension (program, partner, country, cluster,
-- partner_type); dimension_key is '' for the program total.
create table summary_totals (
  program_id text not null,
  period_start date not null,
  dimension text not null check (dimension in ('program', 'partner', 'country', 'cluster', 'partner_type')),
  dimension_key text not null,
  unit text not null,
  amount numeric not null,
  earners integer not null,
  status text not null check (status in ('provisional', 'final')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (program_id, period_start, dimension, dimension_key)
);
create trigger summary_totals_touch before update on summary_totals
  for each row execute function spur_touch_updated_at();

-- The scheduler's memory: the highest sell-out import it has queued runs for.
create table run_watermarks (
  name text primary key,
  import_id bigint not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger run_watermarks_touch before update on run_watermarks
  for each row execute function spur_touch_updated_at();
