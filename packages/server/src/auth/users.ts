import type { Queryable } from '../db/connection-types.ts';
import { ApiError, conflict, notFound } from '../http/errors.ts';
import { recordAudit } from './audit.ts';
import { isVendorRole, type Role } from './roles.ts';
import { newId } from './secrets.ts';

export interface UserRecord {
  user_id: string;
  partner_id: string | null;
  email: string;
  name: string;
  language: string;
  role: Role | null;
  disabled: boolean;
  /** A channel manager's territory; empty for every other role. */
  countries: string[];
}

export const USER_COLUMNS = `u.user_id, u.partner_id, u.email, u.name, u.language, u.role, u.disabled_at is not null as disabled,
  coalesce((select array_agg(c.country_code::text order by c.country_code) from channel_manager_countries c
            where c.user_id = u.user_id), '{}') as countries`;

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  partnerId: string | null;
  language: string;
}

/**
 * Checks that a role fits a partner: vendor roles have none; a distributor admin belongs to a
 * distributor, a reseller admin to a reseller; a sales rep to either.
 */
export async function checkRoleFitsPartner(db: Queryable, role: Role, partnerId: string | null): Promise<void> {
  if (isVendorRole(role)) {
    if (partnerId !== null) {
      throw new ApiError(400, 'role_partner_mismatch', `partner_id: the vendor role ${role} belongs to no partner`);
    }
    return;
  }
  if (partnerId === null) {
    throw new ApiError(400, 'role_partner_mismatch', `partner_id: the role ${role} needs a partner`);
  }
  const { rows } = await db.query<{ type: string }>('select type from partners where partner_id = $1', [partnerId]);
  const type = rows[0]?.type;
  if (!type)
    throw new ApiError(400, 'unknown_partner', `partner_id: no partner ${partnerId}`, { partner_id: partnerId });
  const expected = role === 'distributor_admin' ? 'distributor' : role === 'reseller_admin' ? 'reseller' : type;
  if (type !== expected) {
    throw new ApiError(400, 'role_partner_mismatch', `role: ${role} does not fit the ${type} ${partnerId}`);
  }
}

export async function findUserByEmail(
  db: Queryable,
  email: string,
): Promise<(UserRecord & { has_password: boolean }) | null> {
  const { rows } = await db.query<UserRecord & { has_password: boolean }>(
    `select ${USER_COLUMNS}, exists (select 1 from user_credentials c where c.user_id = u.user_id) as has_password
       from users u where lower(u.email) = lower($1)`,
    [email],
  );
  return rows[0] ?? null;
}

/** Creates a user with a role (no password yet); the e-mail must be unused. */
export async function createUser(db: Queryable, actor: string, input: NewUser): Promise<UserRecord> {
  await checkRoleFitsPartner(db, input.role, input.partnerId);
  if (await findUserByEmail(db, input.email)) {
    throw conflict('email_taken', 'email: the e-mail already belongs to a user');
  }
  const { rows } = await db.query<UserRecord>(
    `insert into users as u (user_id, partner_id, email, name, language, role) values ($1, $2, $3, $4, $5, $6)
     returning ${USER_COLUMNS}`,
    [newId('usr'), input.partnerId, input.email, input.name, input.language, input.role],
  );
  const user = rows[0]!;
  await recordAudit(db, { actor, action: 'user_created', entity: 'user', entityId: user.user_id, after: user });
  return user;
}

export async function getUser(db: Queryable, userId: string): Promise<UserRecord> {
  const { rows } = await db.query<UserRecord>(`select ${USER_COLUMNS} from users u where u.user_id = $1`, [userId]);
  if (!rows[0]) throw notFound(`user ${userId}`);
  return rows[0];
}

/** Gives a user a role (a permission change, always audited); ends its sessions when the role changes. */
export async function setUserRole(db: Queryable, actor: string, userId: string, role: Role): Promise<UserRecord> {
  const before = await getUser(db, userId);
  if (before.role === role) return before;
  await checkRoleFitsPartner(db, role, before.partner_id);
  const { rows } = await db.query<UserRecord>(
    `update users u set role = $2 where u.user_id = $1 returning ${USER_COLUMNS}`,
    [userId, role],
  );
  await db.query('update sessions set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
  await recordAudit(db, { actor, action: 'role_changed', entity: 'user', entityId: userId, before, after: rows[0] });
  return rows[0]!;
}
