import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { fixture } from './fixtures.ts';
import { seedSellOutMasterData } from './master-data.ts';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
  await seedSellOutMasterData(db);
});
afterAll(() => db.destroy());

beforeEach(async () => {
  await db.query(
    'truncate sellout_lines, sellout_line_history, sellout_quarantine, sellout_import_errors, sellout_import_consumers, sellout_imports',
  );
});

async function lines() {
  const result = await db.query(
    `select line_id, invoice_date, reseller_id, rep_id, sku, quantity, net_amount::text as net_amount, currency, version
     from sellout_lines order by line_id`,
  );
  return result.rows;
}

describe('importing a canonical sell-out report', () => {
  it('imports every line with exact amounts and reports the counts', async () => {
    const report = await importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-1' });
    expect(report).toMatchObject({
      linesRead: 5,
      imported: 5,
      duplicates: 0,
      corrections: 0,
      quarantined: 0,
      errors: 0,
    });
    const rows = await lines();
    expect(rows[0]).toEqual({
      line_id: 'L-1',
      invoice_date: '2026-03-02',
      reseller_id: 'R-1',
      rep_id: 'U-1',
      sku: 'SKU-1',
      quantity: 2,
      net_amount: '2400.00',
      currency: 'EUR',
      version: 1,
    });
    expect(rows[3]).toMatchObject({ line_id: 'L-4', rep_id: null, quantity: -1, net_amount: '-99.90' });
  });

  it('adds nothing when the same file is imported twice', async () => {
    const first = await importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-1' });
    const before = await lines();
    const second = await importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-1' });
    expect(second).toMatchObject({ linesRead: 5, imported: 0, duplicates: 5, corrections: 0 });
    expect(await lines()).toEqual(before);
    expect(Number(second.importId)).toBeGreaterThan(Number(first.importId));
  });
});

describe('corrections and duplicates', () => {
  it('keeps the replaced version of a corrected line in history and counts unchanged lines as duplicates', async () => {
    const first = await importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-1' });
    const second = await importSellOutFile(db, { file: fixture('correction.csv'), distributorId: 'D-1' });
    expect(second).toMatchObject({ linesRead: 3, imported: 1, duplicates: 1, corrections: 1, errors: 0 });
    const corrected = (await lines()).find((line) => line.line_id === 'L-2');
    expect(corrected).toMatchObject({ quantity: 2, net_amount: '199.80', version: 2 });
    const history = await db.query(
      `select line_id, version, quantity, net_amount::text as net_amount, import_id, superseded_by_import_id
       from sellout_line_history`,
    );
    expect(history.rows).toEqual([
      {
        line_id: 'L-2',
        version: 1,
        quantity: 1,
        net_amount: '99.90',
        import_id: first.importId,
        superseded_by_import_id: second.importId,
      },
    ]);
    const versions = await db.query<{ line_id: string; import_id: string }>(
      'select line_id, import_id from sellout_lines where import_id > $1 order by line_id',
      [first.importId],
    );
    expect(versions.rows.map((row) => row.line_id)).toEqual(['L-2', 'L-6']);
  });

  it('counts a line repeated with equal values in one file as a duplicate and refuses one repeated with other values', async () => {
    const report = await importSellOutFile(db, { file: fixture('repeated-lines.csv'), distributorId: 'D-1' });
    expect(report).toMatchObject({ linesRead: 4, imported: 2, duplicates: 1, errors: 1 });
    const errors = await db.query<{ file_line: number; problems: { code: string; value: string; message: string }[] }>(
      'select file_line, problems from sellout_import_errors where import_id = $1',
      [report.importId],
    );
    expect(errors.rows).toHaveLength(1);
    expect(errors.rows[0]!.file_line).toBe(5);
    expect(errors.rows[0]!.problems[0]).toMatchObject({ code: 'conflicting_repeat', value: 'L-31' });
    expect(errors.rows[0]!.problems[0]!.message).toContain('first at line 4');
  });
});

describe('rows that cannot be read', () => {
  it('imports the valid rows and records each bad row with its line, column and value', async () => {
    const report = await importSellOutFile(db, { file: fixture('bad-values.csv'), distributorId: 'D-1' });
    expect(report).toMatchObject({ linesRead: 7, imported: 1, errors: 6 });
    expect((await lines()).map((line) => line.line_id)).toEqual(['L-16']);
    const errors = await db.query<{ file_line: number; problems: { code: string; column: string; value: string }[] }>(
      'select file_line, problems from sellout_import_errors where import_id = $1 order by file_line',
      [report.importId],
    );
    expect(errors.rows.map((row) => [row.file_line, row.problems.map((p) => [p.code, p.column, p.value])])).toEqual([
      [2, [['invalid_date', 'invoice_date', '2026-02-30']]],
      [3, [['invalid_integer', 'quantity', '1.5']]],
      [4, [['invalid_amount', 'net_amount', '100,00']]],
      [5, [['invalid_currency', 'currency', 'EURO']]],
      [6, [['missing_value', 'line_id', '']]],
      [7, [['distributor_mismatch', 'distributor_id', 'D-2']]],
    ]);
  });

  it('refuses a file without a required column and writes nothing', async () => {
    await expect(
      importSellOutFile(db, { file: fixture('missing-column.csv'), distributorId: 'D-1' }),
    ).rejects.toMatchObject({ code: 'missing_column' });
    const imports = await db.query('select 1 from sellout_imports');
    expect(imports.rows).toHaveLength(0);
  });

  it('refuses a zip bomb and writes nothing', async () => {
    await expect(importSellOutFile(db, { file: fixture('zip-bomb.xlsx'), distributorId: 'D-1' })).rejects.toMatchObject(
      {
        code: 'zip_bomb',
      },
    );
    expect((await db.query('select 1 from sellout_imports')).rows).toHaveLength(0);
  });

  it('refuses an unknown distributor and a reseller given as distributor', async () => {
    await expect(
      importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-404' }),
    ).rejects.toMatchObject({
      code: 'unknown_distributor',
    });
    await expect(importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'R-1' })).rejects.toThrow(
      'is a reseller, not a distributor',
    );
  });
});

describe('values that COPY must escape', () => {
  it('keeps backslashes, tabs and line breaks in ids exactly', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spur-escape-')), 'escape.csv');
    writeFileSync(
      file,
      'line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency\n' +
        'C:\\\\lines\\\\1,2026-03-02,R-1,"tab\there",SKU-1,1,10.00,EUR\n' +
        '"two\nlines",2026-03-02,R-1,\\N,SKU-1,1,10.00,EUR\n',
    );
    const report = await importSellOutFile(db, { file, distributorId: 'D-1' });
    expect(report).toMatchObject({ imported: 2, errors: 0 });
    const stored = await db.query<{ line_id: string; rep_id: string }>(
      'select line_id, rep_id from sellout_lines order by line_id',
    );
    expect(stored.rows).toEqual([
      { line_id: 'C:\\\\lines\\\\1', rep_id: 'tab\there' },
      { line_id: 'two\nlines', rep_id: '\\N' },
    ]);
  });
});
