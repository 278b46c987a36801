import { describe, expect, it } from 'vitest';
import { roles } from '../src/api/types.ts';
import { navigation, navigationFor, startPathFor } from '../src/shell/navigation.ts';

const everyPage = new Set(navigation.map((item) => item.path));
const labelsFor = (role: (typeof roles)[number]) => navigationFor(role, everyPage).map((item) => item.label);

describe('the navigation', () => {
  it.each([
    ['sales_rep', ['home', 'earn', 'products', 'statement', 'account']],
    ['reseller_admin', ['home', 'earn', 'products', 'statement', 'goal', 'team', 'account']],
    ['distributor_admin', ['home', 'earn', 'products', 'statement', 'team', 'uploads', 'account']],
    ['vendor_admin', ['programs', 'runs', 'budgets', 'dashboard', 'partners', 'payouts', 'audit', 'account']],
    ['program_manager', ['programs', 'runs', 'budgets', 'dashboard', 'account']],
    ['finance', ['programs', 'runs', 'budgets', 'dashboard', 'payouts', 'account']],
    ['channel_manager', ['dashboard', 'partners', 'account']],
  ] as const)('gives a %s the menu %j once every page exists', (role, expected) => {
    expect(labelsFor(role)).toEqual(expected);
  });

  it('never offers a partner role a vendor page', () => {
    const vendorPages = ['programs', 'runs', 'budgets', 'dashboard', 'partners', 'payouts', 'audit'];
    for (const role of ['sales_rep', 'reseller_admin', 'distributor_admin'] as const) {
      expect(labelsFor(role).filter((label) => vendorPages.includes(label))).toEqual([]);
    }
  });

  it('leaves out the entries whose page is not built yet', () => {
    expect(navigationFor('sales_rep', new Set(['/account', '/statement'])).map((item) => item.path)).toEqual([
      '/statement',
      '/account',
    ]);
  });

  it('starts each role on its first built entry, and on the account page when nothing else is built', () => {
    expect(startPathFor('sales_rep', everyPage)).toBe('/home');
    expect(startPathFor('finance', everyPage)).toBe('/programs');
    expect(startPathFor('finance', new Set(['/account']))).toBe('/account');
  });

  it('gives every role at least one entry', () => {
    for (const role of roles) expect(labelsFor(role).length).toBeGreaterThan(0);
  });
});
