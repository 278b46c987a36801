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
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    userId: 'demo-vendor-manager',
    partnerId: '',
    email: 'program.manager@vendor.demo.example',
    name: 'Paula Programme',
    language: 'en',
    groups: ['vendor-program-managers'],
  },
  {
    userId: 'demo-vendor-finance',
    partnerId: '',
    email: 'finance@vendor.demo.example',
    name: 'Frank Finance',
    language: 'en',
    groups: ['vendor-finance'],
  },
  {
    userId: 'demo-channel-manager',
    partnerId: '',
    email: 'channel.manager@vendor.demo.example',
    name: 'Clara Channel',
    language: 'de',
    groups: ['vendor-channel-managers'],
  },
  {
    userId: 'demo-distributor-admin',
    partnerId: 'D-DE-01',
    email: 'admin@distributor.demo.example',
    name: 'Dieter Distributor',
    language: 'de',
    groups: ['distributor-admins'],
  },
  {
    userId: 'demo-se-admin',
    partnerId: 'R-SE-0001',
    email: 'admin@se-reseller.demo.example',
    name: 'Sara Svensson',
    language: 'sv',
    groups: ['reseller-admins'],
  },
  {
    userId: 'demo-se-rep',
    partnerId: 'R-SE-0001',
    email: 'rep@se-reseller.demo.example',
    name: 'Stefan Säljare',
    language: 'sv',
    groups: ['sales-reps', 'server-specialists'],
  },
  {
    userId: 'demo-de-admin',
    partnerId: 'R-DE-0001',
    email: 'admin@de-reseller.demo.example',
    name: 'Greta Gold',
    language: 'de',
    groups: ['reseller-admins'],
  },
  {
    userId: 'demo-de-rep',
    partnerId: 'R-DE-0001',
    email: 'rep@de-reseller.demo.example',
    name: 'Ralf Vertrieb',
    language: 'de',
    groups: ['sales-reps', 'storage-specialists'],
  },
];
