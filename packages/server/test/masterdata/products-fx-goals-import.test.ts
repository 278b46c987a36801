import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFxRates } from '../../src/masterdata/fx-import.ts';
import { importGoals } from '../../src/masterdata/goals-import.ts';
import { importPartners } from '../../src/masterdata/partners-import.ts';
import { importProducts } from '../../src/masterdata/products-import.ts';
import { importUsers } from '../../src/masterdata/users-import.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { errorTriples, type FileFormat, fixture, rejectionOf } from './master-data-files.ts';

describe.each<FileFormat>(['csv', 'xlsx'])(`the products, fx and goals imports from %s on ${testDriver}`, (format) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await importPartners(db, await fixture('partners.csv'));
    await importUsers(db, await fixture('users.csv'));
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('imports products once and leaves them unchanged the second time', async () => {
    const path = await fixture('products.csv', format);
    expect(await importProducts(db, path)).toMatchObject({ entity: 'product', read: 3, created: 3 });
    expect(await importProducts(db, path)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const { rows } = await db.query("select family, category from products where sku = 'NB-840'");
    expect(rows).toEqual([{ family: 'notebooks', category: 'business notebooks' }]);
  });

  it('stores FX rates exactly, per month, and treats 1.170000000000 as equal to 1.17', async () => {
    const path = await fixture('fx.csv', format);
    expect(await importFxRates(db, path)).toMatchObject({ entity: 'fx_rate', read: 4, created: 4 });
    expect(await importFxRates(db, path)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const { rows } = await db.query(
      "select month, currency, eur_rate from fx_rates where currency in ('GBP', 'SEK') order by month, currency",
    );
    expect(rows).toEqual([
      { month: '2026-01-01', currency: 'GBP', eur_rate: '1.163400000000' },
      { month: '2026-01-01', currency: 'SEK', eur_rate: '0.087400000000' },
      { month: '2026-02-01', currency: 'GBP', eur_rate: '1.170000000000' },
    ]);
    const { rows: audit } = await db.query("select entity_id, after from audit_log where entity_id = '2026-02/GBP'");
    expect(audit).toEqual([
      { entity_id: '2026-02/GBP', after: { month: '2026-02-01', currency: 'GBP', eur_rate: '1.17' } },
    ]);
  });

  it('imports goals for partners and users with exact targets', async () => {
    const path = await fixture('goals.csv', format);
    expect(await importGoals(db, path)).toMatchObject({ entity: 'goal', read: 4, created: 4 });
    expect(await importGoals(db, path)).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const { rows } = await db.query("select metric, target from goals where program_id = '10hoch4'");
    expect(rows).toEqual([{ metric: 'revenue', target: '50000.5000' }]);
  });

  it.each<[string, (db: TestDb, path: string) => Promise<unknown>, Array<[number, string, string]>]>([
    [
      'products-bad.csv',
      importProducts,
      [
        [2, 'name', 'missing_value'],
        [3, 'sku', 'missing_value'],
        [4, 'family', 'missing_value'],
        [4, 'category', 'missing_value'],
        [6, 'sku', 'duplicate_id'],
      ],
    ],
    [
      'fx-bad.csv',
      importFxRates,
      [
        [2, 'month', 'invalid_value'],
        [3, 'month', 'invalid_value'],
        [4, 'currency', 'invalid_value'],
        [5, 'eur_rate', 'invalid_value'],
        [6, 'eur_rate', 'invalid_value'],
        [7, 'eur_rate', 'invalid_value'],
        [8, 'eur_rate', 'invalid_value'],
        [9, 'eur_rate', 'invalid_value'],
        [10, 'eur_rate', 'invalid_value'],
        [12, 'month,currency', 'duplicate_id'],
      ],
    ],
    [
      'goals-bad.csv',
      importGoals,
      [
        [2, 'period_start', 'invalid_value'],
        [3, 'period_start', 'invalid_value'],
        [4, 'metric', 'invalid_value'],
        [5, 'target', 'invalid_value'],
        [6, 'target', 'invalid_value'],
        [7, 'target', 'invalid_value'],
        [8, 'participant_id', 'unknown_reference'],
        [9, 'program_id', 'missing_value'],
        [10, 'target', 'missing_value'],
        [12, 'program_id,participant_id,period_start', 'duplicate_id'],
      ],
    ],
  ])('reports every bad row of %s and imports none of it', async (name, importer, expected) => {
    const counts =
      'select (select count(*) from products) p, (select count(*) from fx_rates) f, (select count(*) from goals) g';
    const before = await db.query(counts);
    const rejection = await rejectionOf(importer(db, await fixture(name, format)));
    expect(errorTriples(rejection)).toEqual(expected);
    expect(await db.query(counts)).toEqual(before);
  });
});
