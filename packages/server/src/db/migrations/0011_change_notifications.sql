-- Change notifications for the API's in-memory caches (docs/security.md, "Caches").
-- Every API process keeps signed-in sessions and the partner pages' answers in memory for a few
-- seconds. A write in the same process drops them at once (the connection layer sees it
-- commit); these triggers tell every other process (API workers, `spur worker`, the CLI, psql),
-- through NOTIFY, which PostgreSQL delivers only once the writing transaction has committed.
-- Payloads on channel spur_changes: 'auth' (any session's or user's standing may have changed),
-- 'session:<id>' (one session revoked, rotated or deleted), 'figures' (earnings, summaries,
-- balances, payouts or program names changed).

create function spur_notify_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('spur_changes', tg_argv[0]);
  return null;
end $$;

create function spur_notify_session_change() returns trigger language plpgsql as $$
begin
  perform pg_notify('spur_changes', 'session:' || coalesce(old.session_id, new.session_id));
  return null;
end $$;

-- Sessions: a revocation, a token rotation or a deletion; not the once-a-minute last_seen_at touch.
create trigger sessions_notify_change
  after update of revoked_at, token_hash, previous_token_hash, user_id, absolute_expires_at or delete on sessions
  for each row execute function spur_notify_session_change();

-- Who a user is: role, partner, disabled, name, language; a channel manager's countries; a partner's type.
create trigger sessions_notify_truncate after truncate on sessions
  for each statement execute function spur_notify_change('auth');
create trigger users_notify_change after update or delete or truncate on users
  for each statement execute function spur_notify_change('auth');
create trigger channel_manager_countries_notify_change after insert or update or delete or truncate
  on channel_manager_countries for each statement execute function spur_notify_change('auth');
create trigger partners_notify_change after update or delete or truncate on partners
  for each statement execute function spur_notify_change('auth');

-- What the partner dashboard and statement show. Statement-level: a run writing thousands of
-- rows sends one notification per statement, and NOTIFY folds identical ones in a transaction.
create trigger summary_participants_notify_change after insert or update or delete or truncate
  on summary_participants for each statement execute function spur_notify_change('figures');
create trigger ledger_accounts_notify_change after insert or update or delete or truncate
  on ledger_accounts for each statement execute function spur_notify_change('figures');
create trigger payouts_notify_change after insert or update or delete or truncate
  on payouts for each statement execute function spur_notify_change('figures');
create trigger earnings_notify_change after insert or update or delete or truncate
  on earnings for each statement execute function spur_notify_change('figures');
create trigger earning_postings_notify_change after insert or update or delete or truncate
  on earning_postings for each statement execute function spur_notify_change('figures');
create trigger programs_notify_change after insert or update or delete or truncate
  on programs for each statement execute function spur_notify_change('figures');
create trigger program_periods_notify_change after insert or update or delete or truncate
  on program_periods for each statement execute function spur_notify_change('figures');
