import type { Role } from '../api/types.ts';

/** A navigation entry; `label` is the translation key under `nav.`. */
export interface NavItem {
  label:
    | 'home'
    | 'earn'
    | 'products'
    | 'statement'
    | 'goal'
    | 'team'
    | 'uploads'
    | 'programs'
    | 'runs'
    | 'budgets'
    | 'dashboard'
    | 'partners'
    | 'payouts'
    | 'audit'
    | 'account';
  path: string;
  roles: readonly Role[];
}

const partnerPeople: readonly Role[] = ['distributor_admin', 'reseller_admin', 'sales_rep'];
const allRoles: readonly Role[] = ['vendor_admin', 'program_manager', 'finance', 'channel_manager', ...partnerPeople];

/** The portal's whole map: what each role finds in its menu, in menu order. */
export const navigation: readonly NavItem[] = [
  // Partner side: what I earned, what I can still earn, why.
  { label: 'home', path: '/home', roles: partnerPeople },
  { label: 'earn', path: '/earn', roles: partnerPeople },
  { label: 'products', path: '/products', roles: partnerPeople },
  { label: 'statement', path: '/statement', roles: partnerPeople },
  { label: 'goal', path: '/goal', roles: ['reseller_admin'] },
  { label: 'team', path: '/team', roles: ['reseller_admin', 'distributor_admin'] },
  { label: 'uploads', path: '/uploads', roles: ['distributor_admin'] },
  // Vendor side: design, run and watch programs.
  { label: 'programs', path: '/programs', roles: ['vendor_admin', 'program_manager', 'finance'] },
  { label: 'runs', path: '/runs', roles: ['vendor_admin', 'program_manager', 'finance'] },
  { label: 'budgets', path: '/budgets', roles: ['vendor_admin', 'program_manager', 'finance'] },
  { label: 'dashboard', path: '/dashboard', roles: ['vendor_admin', 'program_manager', 'finance', 'channel_manager'] },
  { label: 'partners', path: '/partners', roles: ['vendor_admin', 'channel_manager'] },
  { label: 'payouts', path: '/payouts', roles: ['vendor_admin', 'finance'] },
  { label: 'audit', path: '/audit', roles: ['vendor_admin'] },
  { label: 'account', path: '/account', roles: allRoles },
];

/**
 * The menu of one role, limited to the pages the portal has: a route without a page is simply
 * not offered, so nobody lands on an empty screen.
 */
export function navigationFor(role: Role, pagesBuilt: ReadonlySet<string>): NavItem[] {
  return navigation.filter((item) => item.roles.includes(role) && pagesBuilt.has(item.path));
}

/** Where a role lands after signing in: its first menu entry. */
export function startPathFor(role: Role, pagesBuilt: ReadonlySet<string>): string {
  return navigationFor(role, pagesBuilt)[0]?.path ?? '/account';
}
