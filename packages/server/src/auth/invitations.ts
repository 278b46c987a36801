import type { SpurDb } from '../db/connection.ts';
import { ApiError, conflict, forbidden } from '../http/errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { invitationMail } from '../mail/templates.ts';
import { recordAudit } from './audit.ts';
import { checkPasswordPolicy, setPasswordForUser } from './passwords.ts';
import type { Principal } from './principal.ts';
import { isVendorRole, type Role } from './roles.ts';
import { hashSecret, newId, newSecret } from './secrets.ts';
import { createSession, type NewSession } from './sessions.ts';
import type { SignedInUser } from './sign-in.ts';
import { checkRoleFitsPartner, findUserByEmail } from './users.ts';

export const INVITATION_VALID_DAYS = 7;

export interface InvitationInfo {
  invitation_id: string;
  email: string;
  name: string;
  role: Role;
  partner_id: string | null;
  expires_at: string;
}

export interface NewInvitation {
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  language: string;
}

/**
 * Who may invite whom: vendor admins anyone; program and channel managers partner admins (the
 * channel manager in its countries); partner admins reps and fellow admins of their own partner.
 */
async function checkMayInvite(db: SpurDb, inviter: Principal, invitation: NewInvitation): Promise<void> {
  if (inviter.role === 'vendor_admin') return;
  if (isVendorRole(invitation.role)) throw forbidden(`the role ${inviter.role} may not invite vendor staff`);
  if (inviter.role === 'program_manager' || inviter.role === 'channel_manager') {
    if (invitation.role === 'sales_rep') throw forbidden('partner admins invite their own sales reps');
    if (inviter.role === 'channel_manager') {
      const { rows } = await db.query<{ country: string }>('select country from partners where partner_id = $1', [
        invitation.partnerId,
      ]);
      if (!rows[0] || !inviter.countries.includes(rows[0].country)) {
        throw new ApiError(404, 'not_found', `partner ${invitation.partnerId} not found`);
      }
    }
    return;
  }
  const ownAdminRole = inviter.role === 'distributor_admin' || inviter.role === 'reseller_admin';
  if (!ownAdminRole || invitation.partnerId !== inviter.partnerId) {
    throw new ApiError(404, 'not_found', `partner ${invitation.partnerId} not found`);
  }
  if (invitation.role !== 'sales_rep' && invitation.role !== inviter.role) {
    throw forbidden(`the role ${inviter.role} may invite sales reps and other ${inviter.role}s only`);
  }
}

/** Records an invitation and mails its one-time link; earlier open invitations for the e-mail end. */
export async function createInvitation(
  db: SpurDb,
  mailer: Mailer,
  inviter: Principal,
  invitation: NewInvitation,
  publicUrl: string,
): Promise<InvitationInfo> {
  await checkMayInvite(db, inviter, invitation);
  await checkRoleFitsPartner(db, invitation.role, invitation.partnerId);
  const existing = await findUserByEmail(db, invitation.email);
  // An imported user without a password may be invited (within its partner) to activate the account.
  if (existing && (existing.has_password || existing.partner_id !== invitation.partnerId)) {
    throw conflict('email_taken', 'email: the e-mail already belongs to a user');
  }
  const token = newSecret();
  const invitationId = newId('inv');
  return db.transaction(async (tx) => {
    await tx.query(
      'update invitations set expires_at = now() where lower(email) = lower($1) and accepted_at is null and expires_at > now()',
      [invitation.email],
    );
    const { rows } = await tx.query<{ expires_at: Date }>(
      `insert into invitations (invitation_id, token_hash, email, name, language, role, partner_id, invited_by, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, now() + make_interval(days => $9)) returning expires_at`,
      [
        invitationId,
        hashSecret(token),
        invitation.email,
        invitation.name,
        invitation.language,
        invitation.role,
        invitation.partnerId,
        inviter.userId,
        INVITATION_VALID_DAYS,
      ],
    );
    const info: InvitationInfo = {
      invitation_id: invitationId,
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      partner_id: invitation.partnerId,
      expires_at: rows[0]!.expires_at.toISOString(),
    };
    const link = `${publicUrl}/accept-invitation?token=${encodeURIComponent(token)}`;
    await mailer.send(invitationMail(invitation.email, invitation.name, inviter.name, link, INVITATION_VALID_DAYS), tx);
    await recordAudit(tx, {
      actor: inviter.userId,
      action: 'invitation_created',
      entity: 'invitation',
      entityId: invitationId,
      after: info,
    });
    return info;
  });
}

interface InvitationRow {
  invitation_id: string;
  email: string;
  name: string;
  language: string;
  role: Role;
  partner_id: string | null;
  invited_by: string;
}

/** Accepting creates (or activates) the user with the invited role and password, and signs it in. */
export async function acceptInvitation(
  db: SpurDb,
  input: { token: string; password: string; name?: string | undefined; ip: string; userAgent: string },
): Promise<{ user: SignedInUser; session: NewSession }> {
  checkPasswordPolicy(input.password);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<InvitationRow>(
      `update invitations set accepted_at = now()
        where token_hash = $1 and accepted_at is null and expires_at > now()
        returning invitation_id, email, name, language, role, partner_id, invited_by`,
      [hashSecret(input.token)],
    );
    const invitation = rows[0];
    if (!invitation) throw new ApiError(400, 'invalid_token', 'token: the invitation is unknown, used or expired');
    const name = input.name ?? invitation.name;
    const { rows: existing } = await tx.query<{ user_id: string; partner_id: string | null; has_password: boolean }>(
      `select u.user_id, u.partner_id, exists (select 1 from user_credentials c where c.user_id = u.user_id) as has_password
         from users u where lower(u.email) = lower($1)`,
      [invitation.email],
    );
    let userId: string;
    const found = existing[0];
    if (found) {
      if (found.has_password || found.partner_id !== invitation.partner_id) {
        throw conflict('email_taken', 'email: the e-mail already belongs to a user');
      }
      userId = found.user_id;
      // An imported user keeps its own language; the invitation activates it with the invited role.
      const { rows: updated } = await tx.query<{ language: string }>(
        'update users set role = $2, name = $3, disabled_at = null where user_id = $1 returning language',
        [userId, invitation.role, name],
      );
      invitation.language = updated[0]!.language;
    } else {
      userId = newId('usr');
      await tx.query(
        'insert into users (user_id, partner_id, email, name, language, role) values ($1, $2, $3, $4, $5, $6)',
        [userId, invitation.partner_id, invitation.email, name, invitation.language, invitation.role],
      );
    }
    await tx.query('update invitations set user_id = $2 where invitation_id = $1', [invitation.invitation_id, userId]);
    await setPasswordForUser(tx, userId, input.password);
    const user: SignedInUser = {
      user_id: userId,
      name,
      email: invitation.email,
      role: invitation.role,
      partner_id: invitation.partner_id,
      language: invitation.language,
    };
    await recordAudit(tx, {
      actor: userId,
      action: 'invitation_accepted',
      entity: 'user',
      entityId: userId,
      after: { ...user, invitation_id: invitation.invitation_id, invited_by: invitation.invited_by },
    });
    const session = await createSession(tx, userId, { ip: input.ip, userAgent: input.userAgent });
    return { user, session };
  });
}

export interface InvitationListing extends InvitationInfo {
  status: 'pending' | 'accepted' | 'expired';
  invited_by: string;
}

/** SQL of the invitations, with their status, for the list route (scoped there by partner). */
export const INVITATION_LISTING_SQL = `select i.invitation_id, i.email, i.name, i.role, i.partner_id, i.invited_by,
    to_char(i.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as expires_at,
    case when i.accepted_at is not null then 'accepted' when i.expires_at <= now() then 'expired' else 'pending' end as status
  from invitations i`;

/** Withdraws a pending invitation (its link stops working); the caller has checked it may see it. */
export async function withdrawInvitation(db: SpurDb, actor: Principal, invitationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { rowCount } = await tx.query(
      'update invitations set expires_at = now() where invitation_id = $1 and accepted_at is null and expires_at > now()',
      [invitationId],
    );
    if (rowCount > 0) {
      await recordAudit(tx, {
        actor: actor.userId,
        action: 'invitation_withdrawn',
        entity: 'invitation',
        entityId: invitationId,
      });
    }
  });
}
