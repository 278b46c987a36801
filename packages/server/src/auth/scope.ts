import { type RawBuilder, sql } from 'kysely';
import type { Principal } from './principal.ts';
import { UNSCOPED_ROLES } from './roles.ts';

/**
 * Row-level scoping: turns the caller into SQL conditions, so every query of every route asks
 * the database only for rows the caller may see. Arguments are column references of the query
 * (`sql.ref('p.partner_id')`); the caller's ids are bound parameters.
 *
 * - vendor_admin, program_manager, finance: everything.
 * - channel_manager: partners in its assigned countries (and their users).
 * - distributor_admin, reseller_admin: its own partner and that partner's users.
 * - sales_rep: its own partner (read) and itself.
 */
type Condition = RawBuilder<unknown>;

export function seesEverything(principal: Principal): boolean {
  return UNSCOPED_ROLES.includes(principal.role);
}

/** Partners whose own data the caller may read. */
export function partnerVisible(principal: Principal, partnerId: Condition): Condition {
  if (seesEverything(principal)) return sql`true`;
  if (principal.role === 'channel_manager') {
    return sql`${partnerId} in (select sp.partner_id from partners sp where sp.country = any(${[...principal.countries]}::text[]))`;
  }
  return sql`${partnerId} = ${principal.partnerId}`;
}

/** Users the caller may read: the partner's users for admins and channel managers, itself for a rep. */
export function userVisible(principal: Principal, userId: Condition, userPartnerId: Condition): Condition {
  if (seesEverything(principal)) return sql`true`;
  if (principal.role === 'sales_rep') return sql`${userId} = ${principal.userId}`;
  return sql`(${userPartnerId} is not null and ${partnerVisible(principal, userPartnerId)})`;
}

/**
 * Participants (a partner id or a user id, as in goals and earnings) the caller may read: a
 * visible partner, or a visible user; a rep sees itself and its own partner.
 */
export function participantVisible(principal: Principal, participantId: Condition): Condition {
  if (seesEverything(principal)) return sql`true`;
  if (principal.role === 'sales_rep') {
    return sql`${participantId} in (${principal.userId}, ${principal.partnerId})`;
  }
  return sql`(${partnerVisible(principal, participantId)} or ${participantId} in (
    select su.user_id from users su where su.partner_id is not null and ${partnerVisible(principal, sql.ref('su.partner_id'))}))`;
}

/** Whether the caller administers this partner (its admins; vendor admins for any partner). */
export function administersPartner(principal: Principal, partnerId: string | null): boolean {
  if (principal.role === 'vendor_admin') return true;
  return (
    (principal.role === 'distributor_admin' || principal.role === 'reseller_admin') &&
    partnerId !== null &&
    principal.partnerId === partnerId
  );
}
