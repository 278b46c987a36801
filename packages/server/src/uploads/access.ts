import { sql } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import { partnerVisible } from '../auth/scope.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { ApiError, invalidInput, notFound } from '../http/errors.ts';
import { rowExists } from '../partners/common.ts';

/** Reading uploads, profiles and quarantine: the distributor's admin and vendor staff (channel managers in their countries). */
export const READ_ROLES: readonly Role[] = [
  'distributor_admin',
  'vendor_admin',
  'program_manager',
  'finance',
  'channel_manager',
];
/** Uploading and keeping profiles: the distributor's admin, or a vendor admin on its behalf. */
export const WRITE_ROLES: readonly Role[] = ['distributor_admin', 'vendor_admin'];
/** Releasing quarantined lines once master data exists: vendor staff who maintain it. */
export const RELEASE_ROLES: readonly Role[] = ['vendor_admin', 'program_manager'];

export const readAccess = { roles: READ_ROLES, scope: 'sellout:read' } as const;
export const writeAccess = { roles: WRITE_ROLES, scope: 'sellout:write' } as const;
export const releaseAccess = { roles: RELEASE_ROLES, scope: 'sellout:write' } as const;

/**
 * The distributor a write acts for: a distributor admin always its own (another's id answers 404,
 * so ids reveal nothing); a vendor admin names it.
 */
export function distributorForWrite(principal: Principal, requested: string | undefined, field: string): string {
  if (principal.role === 'distributor_admin') {
    if (principal.partnerId === null) throw new ApiError(403, 'forbidden', 'your account belongs to no distributor');
    if (requested !== undefined && requested !== principal.partnerId) throw notFound('distributor');
    return principal.partnerId;
  }
  if (requested === undefined) throw invalidInput(field, 'name the distributor the report is from');
  return requested;
}

/** Whether the caller may see this distributor's uploads, profiles and quarantine. */
export async function distributorVisible(db: SpurDb, principal: Principal, distributorId: string): Promise<boolean> {
  return rowExists(
    db.kysely,
    sql`select 1 from partners p where p.partner_id = ${distributorId} and p.type = 'distributor'
        and ${partnerVisible(principal, sql.ref('p.partner_id'))}`,
  );
}
