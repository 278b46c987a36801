import type { SpurDb } from '../db/connection.ts';
import { ApiError } from '../http/errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { passwordResetMail } from '../mail/templates.ts';
import { recordAudit } from './audit.ts';
import { checkPasswordPolicy, setPasswordForUser } from './passwords.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { clearAccountFailures } from './throttle.ts';

export const RESET_VALID_HOURS = 1;
/** At most this many reset mails per account and hour, so the form cannot be used to flood a mailbox. */
export const RESET_MAILS_PER_HOUR = 3;

/**
 * Mails a one-time reset link when the e-mail belongs to an active user. The answer is the same
 * either way, so the form does not reveal which e-mails have accounts.
 */
export async function requestPasswordReset(
  db: SpurDb,
  mailer: Mailer,
  input: { email: string; publicUrl: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ user_id: string; name: string; email: string; recent: string }>(
      `select u.user_id, u.name, u.email,
              (select count(*) from password_resets r where r.user_id = u.user_id
                 and r.created_at > now() - interval '1 hour') as recent
         from users u where lower(u.email) = lower($1) and u.disabled_at is null and u.role is not null`,
      [input.email.trim()],
    );
    const user = rows[0];
    if (!user || Number(user.recent) >= RESET_MAILS_PER_HOUR) return;
    const token = newSecret();
    await tx.query(
      `insert into password_resets (token_hash, user_id, expires_at) values ($1, $2, now() + make_interval(hours => $3))`,
      [hashSecret(token), user.user_id, RESET_VALID_HOURS],
    );
    const link = `${input.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await mailer.send(passwordResetMail(user.email, user.name, link, RESET_VALID_HOURS), tx);
    await recordAudit(tx, {
      actor: user.user_id,
      action: 'password_reset_requested',
      entity: 'user',
      entityId: user.user_id,
    });
  });
}

/** Sets the new password for a live reset token; the token and every session of the user end. */
export async function confirmPasswordReset(db: SpurDb, input: { token: string; password: string }): Promise<void> {
  checkPasswordPolicy(input.password);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ user_id: string; email: string }>(
      `update password_resets r set used_at = now() from users u
        where r.token_hash = $1 and r.used_at is null and r.expires_at > now() and u.user_id = r.user_id
        returning r.user_id, u.email`,
      [hashSecret(input.token)],
    );
    const reset = rows[0];
    if (!reset) throw new ApiError(400, 'invalid_token', 'token: the reset link is unknown, used or expired');
    await setPasswordForUser(tx, reset.user_id, input.password);
    await tx.query('update password_resets set used_at = now() where user_id = $1 and used_at is null', [
      reset.user_id,
    ]);
    await clearAccountFailures(tx, reset.email.toLowerCase());
    await recordAudit(tx, { actor: reset.user_id, action: 'password_reset', entity: 'user', entityId: reset.user_id });
  });
}
