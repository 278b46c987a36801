import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFxRates } from '../../src/masterdata/fx-import.ts';
import { importGoals } from '../../src/masterdata/goals-import.ts';
import { MAX_REPORTED_ERRORS } from '../../src/masterdata/import-errors.ts';
import { importPartners } from '../../src/masterdata/partners-import.ts';
import { importProducts } from '../../src/masterdata/products-import.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { rejectionOf } from './master-data-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'spur-typed-xlsx-'));

async function writeXlsx(name: string, rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const row of rows) sheet.addRow(row);
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe(`master data from spreadsheets with typed cells on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('reads boolean cells, date cells as months and periods, and number cells as exact decimals', async () => {
    const partners = await writeXlsx('partners.xlsx', [
      ['partner_id', 'name', 'type', 'country', 'level', 'distributor_id', 'individual_agreement'],
      ['D-1', 'Alpen Distribution', 'distributor', 'AT', 'gold', null, true],
    ]);
    expect(await importPartners(db, partners)).toMatchObject({ created: 1 });
    const fx = await writeXlsx('fx.xlsx', [
      ['month', 'currency', 'eur_rate'],
      [new Date(Date.UTC(2026, 2, 1)), 'GBP', 1.1634],
    ]);
    expect(await importFxRates(db, fx)).toMatchObject({ created: 1 });
    const goals = await writeXlsx('goals.xlsx', [
      ['program_id', 'participant_id', 'period_start', 'metric', 'target'],
      ['cashpaq-se', 'D-1', new Date(Date.UTC(2026, 3, 1)), 'units', 40],
    ]);
    expect(await importGoals(db, goals)).toMatchObject({ created: 1 });
    const { rows } = await db.query(
      `select (select individual_agreement from partners) agreement, (select month from fx_rates) as month,
         (select eur_rate from fx_rates) rate, (select period_start from goals) period, (select target from goals) target`,
    );
    expect(rows).toEqual([
      { agreement: true, month: '2026-03-01', rate: '1.163400000000', period: '2026-04-01', target: '40.0000' },
    ]);
  });

  it('refuses a date cell that is not the first of a month as an FX month', async () => {
    const fx = await writeXlsx('fx-mid-month.xlsx', [
      ['month', 'currency', 'eur_rate'],
      [new Date(Date.UTC(2026, 2, 15)), 'GBP', 1.1634],
    ]);
    const rejection = await rejectionOf(importFxRates(db, fx));
    expect(rejection.errors.map((error) => [error.line, error.field, error.value])).toEqual([
      [2, 'month', '2026-03-15'],
    ]);
  });

  it(`lists at most ${MAX_REPORTED_ERRORS} errors but counts them all`, async () => {
    const path = join(dir, 'many-bad-products.csv');
    const lines = ['sku,name,family,category'];
    for (let i = 0; i < 1500; i++) lines.push(`SKU-${i},,servers,rack`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    const rejection = await rejectionOf(importProducts(db, path));
    expect(rejection.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(rejection.errorCount).toBe(1500);
    expect(rejection.message).toContain('... and 500 more errors');
  });
});
