import type { Role } from '../auth/roles.ts';

/**
 * Well-known accounts in every demo dataset, so the portal demo has predictable logins.
 * Documented in docs/demo-data.md; their e-mail domain is reserved (.example) so no mail leaves.
 */
export interface DemoAccount {
  userId: string;
  /** '' for vendor staff. */
  partnerId: string;
  email: string;
  name: string;
  language: string;
  groups: readonly string[];
  /** The sign-in role `loadDemoData` gives the account (the users file has no roles). */
  role: Role;
  /** Countries a channel manager covers. */
  countries?: readonly string[];
}

/** The password of every demo account after `spur demo load` or the first start; public, for demos only. */
export const DEMO_PASSWORD = 'spur-demo-2026';

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    userId: 'demo-vendor-admin',
    partnerId: '',
    email: 'admin@vendor.demo.example',
    name: 'Vera Vendor',
    language: 'en',
    groups: ['vendor-admins'],
    role: 'vendor_admin',
  },
  {
    userId: 'demo-vendor-manager',
    partnerId: '',
    email: 'program.manager@vendor.demo.example',
    name: 'Paula Programme',
    language: 'en',
    groups: ['vendor-program-managers'],
    role: 'program_manager',
  },
  {
    userId: 'demo-vendor-finance',
    partnerId: '',
    email: 'finance@vendor.demo.example',
    name: 'Frank Finance',
    language: 'en',
    groups: ['vendor-finance'],
    role: 'finance',
  },
  {
    userId: 'demo-channel-manager',
    partnerId: '',
    email: 'channel.manager@vendor.demo.example',
    name: 'Clara Channel',
    language: 'de',
    groups: ['vendor-channel-managers'],
    role: 'channel_manager',
    countries: ['DE', 'AT', 'CH'],
  },
  {
    userId: 'demo-distributor-admin',
    partnerId: 'D-DE-01',
    email: 'admin@distributor.demo.example',
    name: 'Dieter Distributor',
    language: 'de',
    groups: ['distributor-admins'],
    role: 'distributor_admin',
  },
  {
    userId: 'demo-se-admin',
    partnerId: 'R-SE-0001',
    email: 'admin@se-reseller.demo.example',
    name: 'Sara Svensson',
    language: 'sv',
    groups: ['reseller-admins'],
    role: 'reseller_admin',
  },
  {
    userId: 'demo-se-rep',
    partnerId: 'R-SE-0001',
    email: 'rep@se-reseller.demo.example',
    name: 'Stefan Säljare',
    language: 'sv',
    groups: ['sales-reps', 'server-specialists'],
    role: 'sales_rep',
  },
  {
    userId: 'demo-de-admin',
    partnerId: 'R-DE-0001',
    email: 'admin@de-reseller.demo.example',
    name: 'Greta Gold',
    language: 'de',
    groups: ['reseller-admins'],
    role: 'reseller_admin',
  },
  {
    userId: 'demo-de-rep',
    partnerId: 'R-DE-0001',
    email: 'rep@de-reseller.demo.example',
    name: 'Ralf Vertrieb',
    language: 'de',
    groups: ['sales-reps', 'storage-specialists'],
    role: 'sales_rep',
  },
];
