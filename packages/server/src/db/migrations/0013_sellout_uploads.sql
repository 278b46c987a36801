-- Sell-out uploads waiting for, or being worked on by, the job queue (docs/api.md, "Sell-out uploads").
-- An upload is kept here, file and all, from the moment the API accepts it until its import has
-- committed: any worker process can take the job, and a worker that dies mid-import leaves the
-- upload for the next attempt instead of losing it. A finished import lives in sellout_imports
-- and its row here is deleted; a refused file keeps its row (without the file) so the uploader
-- can still read why.
create table sellout_uploads (
  import_id bigint primary key,
  distributor_id text not null references partners (partner_id),
  -- Null: the canonical layout.
  profile_name text,
  file_name text not null,
  uploaded_by text not null,
  state text not null default 'queued' check (state in ('queued', 'running', 'failed')),
  -- Progress as last reported by the worker (every few seconds), so any API process can answer.
  lines_read bigint not null default 0 check (lines_read >= 0),
  bytes_total bigint not null check (bytes_total >= 0),
  bytes_read bigint not null default 0 check (bytes_read >= 0),
  -- Attempts that ended in a failure of the server rather than of the file (the job retries those).
  attempts integer not null default 0 check (attempts >= 0),
  error_code text,
  error_message text,
  check ((state = 'failed') = (error_code is not null)),
  max_lines bigint not null check (max_lines > 0),
  started_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index sellout_uploads_distributor_idx on sellout_uploads (distributor_id, import_id);
create trigger sellout_uploads_touch before update on sellout_uploads
  for each row execute function spur_touch_updated_at();

-- The uploaded file, in pieces of at most 1 MiB (a bytea value is read and written whole).
create table sellout_upload_chunks (
  import_id bigint not null references sellout_uploads (import_id) on delete cascade,
  seq integer not null check (seq >= 0),
  data bytea not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (import_id, seq)
);
