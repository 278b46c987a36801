import type { SpurDb } from '../db/connection.ts';
import { ApiError } from '../http/errors.ts';
import { recordAudit } from './audit.ts';
import { verifyPassword } from './passwords.ts';
import { isRole, type Role } from './roles.ts';
import { createSession, type NewSession } from './sessions.ts';
import { checkThrottle, clearAccountFailures, recordAttempt, withdrawAttempt } from './throttle.ts';

/** The user as the portal sees it after sign-in (the contract of `POST /api/v1/auth/sign-in`). */
export interface SignedInUser {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  partner_id: string | null;
  language: string;
}

interface CandidateRow {
  user_id: string;
  name: string;
  email: string;
  role: string | null;
  partner_id: string | null;
  language: string;
  disabled: boolean;
  password_hash: string | null;
}

export async function signIn(
  db: SpurDb,
  input: { email: string; password: string; ip: string; userAgent: string },
): Promise<{ user: SignedInUser; session: NewSession }> {
  const emailLower = input.email.trim().toLowerCase();
  const attempt = await recordAttempt(db, emailLower, input.ip);
  const throttle = await checkThrottle(db, emailLower, input.ip, attempt);
  if (throttle.blocked) {
    // Refused attempts are not checked, so they do not extend the lock.
    await withdrawAttempt(db, attempt);
    throw new ApiError(
      429,
      'too_many_attempts',
      `too many failed sign-ins; try again in ${throttle.retryAfterSeconds} s`,
      {
        retry_after_seconds: throttle.retryAfterSeconds,
      },
    );
  }
  const { rows } = await db.query<CandidateRow>(
    `select u.user_id, u.name, u.email, u.role, u.partner_id, u.language, u.disabled_at is not null as disabled,
            c.password_hash
       from users u left join user_credentials c on c.user_id = u.user_id
      where lower(u.email) = $1`,
    [emailLower],
  );
  const candidate = rows[0];
  // Verify even for unknown or disabled users, so timing does not tell which e-mails exist.
  const passwordOk = await verifyPassword(candidate?.password_hash ?? null, input.password);
  if (!candidate || !passwordOk || candidate.disabled || !isRole(candidate.role)) {
    // The attempt row stays: it is the recorded failure.
    await recordAudit(db, {
      actor: candidate?.user_id ?? 'anonymous',
      action: 'sign_in_failed',
      entity: 'user',
      // Not the typed e-mail of an unknown account: it is sometimes a password typed into the wrong field.
      entityId: candidate?.user_id ?? 'unknown',
      after: { ip: input.ip },
    });
    throw new ApiError(401, 'invalid_credentials', 'the e-mail or the password is wrong');
  }
  const user: SignedInUser = {
    user_id: candidate.user_id,
    name: candidate.name,
    email: candidate.email,
    role: candidate.role,
    partner_id: candidate.partner_id,
    language: candidate.language,
  };
  const session = await db.transaction(async (tx) => {
    await clearAccountFailures(tx, emailLower);
    const created = await createSession(tx, user.user_id, { ip: input.ip, userAgent: input.userAgent });
    await recordAudit(tx, {
      actor: user.user_id,
      action: 'sign_in',
      entity: 'user',
      entityId: user.user_id,
      after: { ip: input.ip, session_id: created.sessionId },
    });
    return created;
  });
  return { user, session };
}
