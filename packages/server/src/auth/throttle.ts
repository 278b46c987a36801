import { CACHE_NEUTRAL, type Queryable } from '../db/connection-types.ts';
import { hashSecret } from './secrets.ts';

/** How failures name an account: a hash of the lower-case e-mail, never the typed text itself. */
export function accountKey(emailLower: string): string {
  return hashSecret(`sign-in:${emailLower}`);
}

/**
 * Sign-in throttling, kept in the database so every API process counts the same failures:
 * an account is locked after 5 failures within 15 minutes, an IP after 50 (offices share IPs).
 */
export const THROTTLE_POLICY = { windowSeconds: 15 * 60, maxFailuresPerAccount: 5, maxFailuresPerIp: 50 } as const;

export interface ThrottleVerdict {
  blocked: boolean;
  retryAfterSeconds: number;
}

/**
 * Blocked while the Nth most recent failure is still inside the window; retry when it leaves.
 * `ownAttempt` is the caller's own provisional row (see `recordAttempt`), which does not count.
 */
export async function checkThrottle(
  db: Queryable,
  emailLower: string,
  ip: string,
  ownAttempt: string | null = null,
): Promise<ThrottleVerdict> {
  const { rows } = await db.query<{ wait: number | null }>(
    `select greatest(
       (select extract(epoch from f.failed_at + make_interval(secs => $3) - now()) from login_failures f
         where f.account_key = $1 and f.failed_at > now() - make_interval(secs => $3) and f.failure_id is distinct from $6::bigint
         order by f.failed_at desc offset ($4::int - 1) limit 1),
       (select extract(epoch from f.failed_at + make_interval(secs => $3) - now()) from login_failures f
         where f.ip = $2 and f.failed_at > now() - make_interval(secs => $3) and f.failure_id is distinct from $6::bigint
         order by f.failed_at desc offset ($5::int - 1) limit 1))::float8 as wait`,
    [
      accountKey(emailLower),
      ip,
      THROTTLE_POLICY.windowSeconds,
      THROTTLE_POLICY.maxFailuresPerAccount,
      THROTTLE_POLICY.maxFailuresPerIp,
      ownAttempt,
    ],
  );
  const wait = rows[0]?.wait ?? null;
  return wait === null
    ? { blocked: false, retryAfterSeconds: 0 }
    : { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}

/**
 * Records an attempt as a failure *before* the password is checked, so parallel guesses count
 * against each other at once (check-then-record would let a burst through); the caller removes
 * it with `withdrawAttempt` when the attempt succeeds or is refused unchecked.
 */
export async function recordAttempt(db: Queryable, emailLower: string, ip: string): Promise<string> {
  // Cache-neutral (here and below): sign-in failures are in no cached answer, and a burst of
  // them must not empty the caches of everybody else.
  const { rows } = await db.query<{ failure_id: string }>(
    `${CACHE_NEUTRAL} insert into login_failures (account_key, ip) values ($1, $2) returning failure_id`,
    [accountKey(emailLower), ip],
  );
  // Old failures no longer count; drop this account's and IP's so the table stays small.
  await db.query(
    `${CACHE_NEUTRAL} delete from login_failures where (account_key = $1 or ip = $2) and failed_at < now() - make_interval(secs => $3 * 2)`,
    [accountKey(emailLower), ip, THROTTLE_POLICY.windowSeconds],
  );
  return rows[0]!.failure_id;
}

export async function withdrawAttempt(db: Queryable, attemptId: string): Promise<void> {
  await db.query(`${CACHE_NEUTRAL} delete from login_failures where failure_id = $1`, [attemptId]);
}

/** A successful sign-in forgives the account's earlier mistakes (not the IP's). */
export async function clearAccountFailures(db: Queryable, emailLower: string): Promise<void> {
  await db.query(`${CACHE_NEUTRAL} delete from login_failures where account_key = $1`, [accountKey(emailLower)]);
}
