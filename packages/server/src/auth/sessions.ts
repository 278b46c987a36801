import { CACHE_NEUTRAL, type Queryable } from '../db/connection-types.ts';
import { PRINCIPAL_ACTIVE, PRINCIPAL_COLUMNS, PRINCIPAL_SOURCE, type PrincipalRow } from './principal.ts';
import { hashSecret, newId, newSecret } from './secrets.ts';

/** How long a session lives: signed out after 12 h idle or 7 days in all; token renewed every 15 min. */
export const SESSION_POLICY = {
  idleSeconds: 12 * 3600,
  absoluteSeconds: 7 * 24 * 3600,
  rotateAfterSeconds: 15 * 60,
  /** The token before a rotation keeps working this long, for requests already in flight. */
  rotationGraceSeconds: 60,
  /** last_seen_at is written at most this often, so reads do not all become writes. */
  touchEverySeconds: 60,
} as const;

export interface NewSession {
  sessionId: string;
  token: string;
  csrfToken: string;
}

export async function createSession(
  db: Queryable,
  userId: string,
  client: { ip: string; userAgent: string },
): Promise<NewSession> {
  const sessionId = newId('ses');
  const token = newSecret();
  const csrfToken = newSecret();
  // Cache-neutral: a new session changes nothing that is cached (its token was never seen).
  await db.query(
    `${CACHE_NEUTRAL} insert into sessions (session_id, user_id, token_hash, csrf_hash, idle_expires_at, absolute_expires_at, ip, user_agent)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6), $7, $8)`,
    [
      sessionId,
      userId,
      hashSecret(token),
      hashSecret(csrfToken),
      SESSION_POLICY.idleSeconds,
      SESSION_POLICY.absoluteSeconds,
      client.ip,
      client.userAgent.slice(0, 300),
    ],
  );
  return { sessionId, token, csrfToken };
}

export interface ActiveSession {
  sessionId: string;
  userId: string;
  csrfHash: string;
  /** The session's user (active users only), read in the same query to save a round trip. */
  user: PrincipalRow;
  /** Set when this request rotated the token: the new cookie value. */
  rotatedToken: string | null;
  /**
   * How long this answer stays true unless something is written (milliseconds): until the
   * session expires or its token is due for rotation. Zero when the cookie carried the previous
   * token (valid for a short grace only) or when this request rotated it.
   */
  unchangedForMs: number;
}

interface SessionRow extends PrincipalRow {
  session_id: string;
  csrf_hash: string;
  is_current: boolean;
  due_rotation: boolean;
  due_touch: boolean;
  /** Seconds until the session expires (idle or absolute) or is due for rotation, as of now(). */
  unchanged_for: number;
}

/** Finds the live session of a cookie token, extends its idle expiry and rotates its token when due. */
export async function resolveSession(
  db: Queryable,
  token: string,
  tokenHash = hashSecret(token),
): Promise<ActiveSession | null> {
  const { rows } = await db.query<SessionRow>(
    `select s.session_id, s.csrf_hash, s.token_hash = $1 as is_current,
            s.rotated_at < now() - make_interval(secs => $3) as due_rotation,
            s.last_seen_at < now() - make_interval(secs => $4) as due_touch,
            extract(epoch from least(s.idle_expires_at, s.absolute_expires_at,
              s.rotated_at + make_interval(secs => $3)) - now())::float8 as unchanged_for, ${PRINCIPAL_COLUMNS}
       from sessions s join ${PRINCIPAL_SOURCE} on u.user_id = s.user_id
      where (s.token_hash = $1 or (s.previous_token_hash = $1 and s.rotated_at > now() - make_interval(secs => $2)))
        and s.revoked_at is null and s.idle_expires_at > now() and s.absolute_expires_at > now() and ${PRINCIPAL_ACTIVE}`,
    [
      tokenHash,
      SESSION_POLICY.rotationGraceSeconds,
      SESSION_POLICY.rotateAfterSeconds,
      SESSION_POLICY.touchEverySeconds,
    ],
    { prepared: true },
  );
  const row = rows[0];
  if (!row) return null;
  let rotatedToken: string | null = null;
  if (row.is_current && row.due_rotation) {
    const candidate = newSecret();
    // Compare-and-set on the old hash: of two parallel requests only one rotates.
    // Cache-neutral: the session cache drops this session itself (and the trigger tells other processes).
    const { rowCount } = await db.query(
      `${CACHE_NEUTRAL} update sessions set previous_token_hash = token_hash, token_hash = $2, rotated_at = now(), last_seen_at = now(),
              idle_expires_at = least(absolute_expires_at, now() + make_interval(secs => $3))
        where session_id = $1 and token_hash = $4`,
      [row.session_id, hashSecret(candidate), SESSION_POLICY.idleSeconds, tokenHash],
    );
    if (rowCount === 1) rotatedToken = candidate;
  } else if (row.due_touch) {
    // Cache-neutral: extending the idle expiry changes nothing a cached session answer says.
    await db.query(
      `${CACHE_NEUTRAL} update sessions set last_seen_at = now(),
              idle_expires_at = least(absolute_expires_at, now() + make_interval(secs => $2))
        where session_id = $1`,
      [row.session_id, SESSION_POLICY.idleSeconds],
    );
  }
  const unchangedForMs =
    row.is_current && rotatedToken === null ? Math.max(0, Math.floor(row.unchanged_for * 1000)) : 0;
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    csrfHash: row.csrf_hash,
    user: row,
    rotatedToken,
    unchangedForMs,
  };
}

export async function revokeSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query('update sessions set revoked_at = now() where session_id = $1 and revoked_at is null', [sessionId]);
}

/** Sign-out everywhere: every session of the user ends; its API tokens are managed separately. */
export async function revokeAllSessions(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query(
    'update sessions set revoked_at = now() where user_id = $1 and revoked_at is null',
    [userId],
  );
  return rowCount;
}
