import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFxRates } from '../../src/masterdata/fx-import.ts';
import type { ImportReport } from '../../src/masterdata/import-runner.ts';
import { importPartners } from '../../src/masterdata/partners-import.ts';
import { importProducts } from '../../src/masterdata/products-import.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

const dir = mkdtempSync(join(tmpdir(), 'spur-reimport-'));
let fileNumber = 0;

function writeCsv(header: string[], rows: string[][]): string {
  const path = join(dir, `file-${++fileNumber}.csv`);
  writeFileSync(path, stringify([header, ...rows]));
  return path;
}

// Text with the characters that stress CSV quoting and case-insensitive comparisons.
const text = fc
  .string({ unit: fc.constantFrom(...'abcXYZ äöüßé,;"\'-.&/019'.split('')), minLength: 1, maxLength: 12 })
  .filter((value) => value.trim() !== '');
const id = fc.stringMatching(/^[A-Z]{1,3}-[0-9]{1,4}$/);
const decimalRate = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 24n - 1n }), fc.nat({ max: 3 }))
  .map(([scaled, trailingZeros]) => {
    const digits = scaled.toString().padStart(13, '0');
    return `${digits.slice(0, -12)}.${digits.slice(-12)}${'0'.repeat(trailingZeros)}`;
  });

const partnersFile = fc
  .record({
    distributors: fc.uniqueArray(id, { minLength: 1, maxLength: 8 }),
    resellers: fc.uniqueArray(id, { maxLength: 20 }),
    countries: fc.array(fc.constantFrom('DE', 'at', 'GB', 'SE', 'FR'), { minLength: 28, maxLength: 28 }),
    names: fc.array(text, { minLength: 28, maxLength: 28 }),
    levels: fc.array(fc.constantFrom('', 'gold', 'Silver', 'PLATINUM'), { minLength: 28, maxLength: 28 }),
    flags: fc.array(fc.constantFrom('true', 'false', 'TRUE'), { minLength: 28, maxLength: 28 }),
    choices: fc.array(fc.nat(), { minLength: 28, maxLength: 28 }),
  })
  .map(({ distributors, resellers, countries, names, levels, flags, choices }) => {
    const resellerIds = resellers.filter((reseller) => !distributors.includes(reseller));
    const rows = [
      ...resellerIds.map((reseller, i) => [
        reseller,
        names[i]!,
        'reseller',
        countries[i]!,
        levels[i]!,
        choices[i]! % 3 === 0 ? '' : distributors[choices[i]! % distributors.length]!,
        flags[i]!,
      ]),
      ...distributors.map((distributor, i) => [
        distributor,
        names[20 + i]!,
        'distributor',
        countries[20 + i]!,
        levels[20 + i]!,
        '',
        flags[20 + i]!,
      ]),
    ];
    return rows;
  });

describe(`importing the same master-data file twice on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const auditCount = async () => (await db.query<{ n: string }>('select count(*) n from audit_log')).rows[0]!.n;

  async function expectSecondImportChangesNothing(importing: () => Promise<ImportReport>, rowCount: number) {
    await importing();
    const auditBefore = await auditCount();
    const second = await importing();
    expect(second).toMatchObject({ read: rowCount, created: 0, updated: 0, unchanged: rowCount });
    expect(await auditCount()).toBe(auditBefore);
  }

  it('changes nothing and audits nothing the second time, whatever the partners', async () => {
    await fc.assert(
      fc.asyncProperty(partnersFile, async (rows) => {
        // Ids repeat across runs, so a reseller may have become a distributor: start each run afresh.
        await db.query('delete from partners');
        const path = writeCsv(
          ['partner_id', 'name', 'type', 'country', 'level', 'distributor_id', 'individual_agreement'],
          rows,
        );
        await expectSecondImportChangesNothing(() => importPartners(db, path), rows.length);
      }),
      { numRuns: 15 },
    );
  });

  it('changes nothing and audits nothing the second time, whatever the products and FX rates', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(id, text, text, text), { selector: (row) => row[0], minLength: 1, maxLength: 30 }),
        fc.uniqueArray(
          fc.tuple(
            fc.integer({ min: 2000, max: 2099 }),
            fc.integer({ min: 1, max: 12 }),
            fc.constantFrom('GBP', 'SEK', 'chf', 'USD'),
            decimalRate,
          ),
          {
            selector: ([year, month, currency]) => `${year}-${month}-${currency.toUpperCase()}`,
            minLength: 1,
            maxLength: 30,
          },
        ),
        async (products, rates) => {
          const productsPath = writeCsv(['sku', 'name', 'family', 'category'], products);
          await expectSecondImportChangesNothing(() => importProducts(db, productsPath), products.length);
          const fxRows = rates.map(([year, month, currency, rate]) => [
            `${year}-${String(month).padStart(2, '0')}`,
            currency,
            rate,
          ]);
          const fxPath = writeCsv(['month', 'currency', 'eur_rate'], fxRows);
          await expectSecondImportChangesNothing(() => importFxRates(db, fxPath), fxRows.length);
        },
      ),
      { numRuns: 15 },
    );
  });
});
