import argon2 from 'argon2';
import type { Queryable } from '../db/connection-types.ts';
import { ApiError } from '../http/errors.ts';
import { recordAudit } from './audit.ts';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): measured 27 ms to hash and 22 ms
 * to verify on the 2-core build machine, cheap enough for sign-in bursts, costly for guessing.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
/** Long inputs would make every hash slow; no real password is longer. */
export const PASSWORD_MAX_LENGTH = 200;

export function checkPasswordPolicy(password: string, path = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new ApiError(
      400,
      'password_too_weak',
      `${path}: must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, got ${length}`,
      { problems: [{ path, message: `must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` }] },
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies `password` against `hash`; with no hash (unknown user, no password set) it verifies
 * against a dummy so the answer takes as long and reveals nothing.
 */
export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (hash === null) {
    dummyHash ??= hashPassword('spur-dummy-password-for-timing');
    await argon2.verify(await dummyHash, password);
    return false;
  }
  return argon2.verify(hash, password);
}

/**
 * Sets (or replaces) the password of a user and signs the user out everywhere. Used by password
 * reset, invitations, `spur user add --password-stdin` and the demo logins at first start.
 */
export async function setPasswordForUser(db: Queryable, userId: string, password: string): Promise<void> {
  checkPasswordPolicy(password);
  const hash = await hashPassword(password);
  const { rowCount } = await db.query(
    `insert into user_credentials (user_id, password_hash) select user_id, $2 from users where user_id = $1
     on conflict (user_id) do update set password_hash = excluded.password_hash, password_changed_at = now()`,
    [userId, hash],
  );
  if (rowCount === 0) throw new ApiError(404, 'not_found', `user ${userId} not found`);
  await db.query('update sessions set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
}

/** A signed-in user changes its own password; the current one is required, so a stolen session alone cannot. */
export async function changeOwnPassword(
  db: Queryable,
  userId: string,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  checkPasswordPolicy(newPassword, 'new_password');
  const { rows } = await db.query<{ password_hash: string }>(
    'select password_hash from user_credentials where user_id = $1',
    [userId],
  );
  if (!(await verifyPassword(rows[0]?.password_hash ?? null, currentPassword))) {
    throw new ApiError(400, 'wrong_password', 'current_password: not your current password', {
      problems: [{ path: 'body.current_password', message: 'not your current password' }],
    });
  }
  await setPasswordForUser(db, userId, newPassword);
  await recordAudit(db, { actor: userId, action: 'password_changed', entity: 'user', entityId: userId });
}
