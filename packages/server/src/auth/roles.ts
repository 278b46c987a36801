/** The seven roles of issue 5. Vendor roles belong to no partner; partner roles to exactly one. */
export const VENDOR_ROLES = ['vendor_admin', 'program_manager', 'finance', 'channel_manager'] as const;
export const PARTNER_ROLES = ['distributor_admin', 'reseller_admin', 'sales_rep'] as const;
export const ROLES = [...VENDOR_ROLES, ...PARTNER_ROLES] as const;

export type VendorRole = (typeof VENDOR_ROLES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Vendor roles that see every partner; the channel manager sees its countries only. */
export const UNSCOPED_ROLES: readonly Role[] = ['vendor_admin', 'program_manager', 'finance'];
/** Vendor staff of any kind. */
export const VENDOR_STAFF: readonly Role[] = VENDOR_ROLES;
/** Admins of a partner (manage their partner's users, goals, preferred distributor). */
export const PARTNER_ADMINS: readonly Role[] = ['distributor_admin', 'reseller_admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isVendorRole(role: Role): role is VendorRole {
  return (VENDOR_ROLES as readonly string[]).includes(role);
}

/**
 * What an API token may do: `<area>:read` or `<area>:write` (write implies read). The areas of
 * later routes (sell-out, programs, earnings, ledger) are listed now so tokens can be issued for
 * them once those routes exist.
 */
export const SCOPE_AREAS = [
  'masterdata',
  'users',
  'goals',
  'sellout',
  'programs',
  'earnings',
  'ledger',
  'admin',
] as const;
export type ScopeArea = (typeof SCOPE_AREAS)[number];
export type Scope = `${ScopeArea}:${'read' | 'write'}`;
export const SCOPES: readonly Scope[] = SCOPE_AREAS.flatMap((area) => [`${area}:read`, `${area}:write`] as Scope[]);

export function scopeAllows(granted: readonly Scope[], needed: Scope): boolean {
  if (granted.includes(needed)) return true;
  const [area, action] = needed.split(':');
  return action === 'read' && granted.includes(`${area}:write` as Scope);
}
