import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeErrorCsv } from '../../src/sellout/import-reports.ts';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { mappingProfileSchema } from '../../src/sellout/mapping-profile.ts';
import { deleteProfile, findProfile, listProfiles, saveProfile } from '../../src/sellout/profile-repository.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { fixture } from './fixtures.ts';
import { seedSellOutMasterData } from './master-data.ts';

let db: TestDb;
const dir = mkdtempSync(join(tmpdir(), 'spur-sellout-'));

const germanProfile = mappingProfileSchema.parse({
  name: 'weekly-de',
  columns: {
    line_id: 'Belegnr.',
    invoice_date: 'Rechnungsdatum',
    reseller_id: 'Händler',
    rep_id: 'Verkäufer',
    sku: 'Artikel',
    quantity: 'Menge',
    net_amount: 'Nettobetrag',
    currency: 'Währung',
  },
  delimiter: ';',
  decimalComma: true,
  thousandsSeparator: '.',
  dateFormat: 'DD.MM.YYYY',
  encoding: 'windows-1252',
  skipRows: 2,
});

const xlsxProfile = mappingProfileSchema.parse({
  name: 'xlsx',
  columns: {
    line_id: 'Line',
    invoice_date: 'Date',
    reseller_id: 'Reseller',
    rep_id: 'Rep',
    sku: 'Part number',
    quantity: 'Qty',
    net_amount: 'Net',
    currency: 'Cur',
  },
  decimalComma: true,
  dateFormat: 'DD.MM.YYYY',
  skipRows: 1,
  sheet: 'Lines',
});

beforeAll(async () => {
  db = await createTestDb();
  await seedSellOutMasterData(db);
});
afterAll(() => db.destroy());

beforeEach(async () => {
  await db.query(
    'truncate sellout_lines, sellout_line_history, sellout_quarantine, sellout_import_errors, sellout_import_consumers, sellout_imports',
  );
  await db.query('delete from sellout_mapping_profiles');
});

async function lines() {
  const result = await db.query<{ line_id: string; invoice_date: string; quantity: number; net_amount: string }>(
    'select line_id, invoice_date, quantity, net_amount::text as net_amount from sellout_lines order by line_id',
  );
  return result.rows.map((row) => [row.line_id, row.invoice_date, row.quantity, row.net_amount]);
}

describe('mapping profiles', () => {
  it('are stored per distributor and name, replaced on save, listed and deleted', async () => {
    await saveProfile(db, 'D-2', germanProfile);
    await saveProfile(db, 'D-2', { ...germanProfile, skipRows: 3 });
    expect(await findProfile(db, 'D-2', 'weekly-de')).toEqual({ ...germanProfile, skipRows: 3 });
    expect((await listProfiles(db)).map((stored) => [stored.distributorId, stored.profile.name])).toEqual([
      ['D-2', 'weekly-de'],
    ]);
    await deleteProfile(db, 'D-2', 'weekly-de');
    await expect(findProfile(db, 'D-2', 'weekly-de')).rejects.toMatchObject({ code: 'unknown_profile' });
  });

  it('refuse a decimal comma that is also the thousands separator', () => {
    expect(mappingProfileSchema.safeParse({ name: 'x', decimalComma: true, thousandsSeparator: ',' }).success).toBe(
      false,
    );
  });

  it('read a Windows-1252 report with title rows, semicolons, decimal comma and German dates', async () => {
    await saveProfile(db, 'D-2', germanProfile);
    await db.query(`update partners set distributor_id = 'D-2' where partner_id = 'R-2'`);
    const report = await importSellOutFile(db, {
      file: fixture('windows-1252-semicolon.csv'),
      distributorId: 'D-2',
      profileName: 'weekly-de',
    });
    expect(report).toMatchObject({ linesRead: 4, imported: 4, errors: 0, profileName: 'weekly-de' });
    expect(await lines()).toEqual([
      ['B-100', '2026-03-02', 2, '2400.00'],
      ['B-101', '2026-03-03', 1, '99.90'],
      ['B-102', '2026-03-04', -1, '-99.90'],
      ['B-103', '2026-03-31', 10, '12345.67'],
    ]);
  });

  it('read an XLSX sheet by name: date and number cells as such, text cells by the profile', async () => {
    await saveProfile(db, 'D-1', xlsxProfile);
    const report = await importSellOutFile(db, {
      file: fixture('distributor-report.xlsx'),
      distributorId: 'D-1',
      profileName: 'xlsx',
    });
    expect(report).toMatchObject({ linesRead: 4, imported: 3, errors: 1 });
    expect(await lines()).toEqual([
      ['X-1', '2026-03-02', 2, '2400'],
      ['X-2', '2026-03-03', 1, '99.9'],
      ['X-3', '2026-03-04', -1, '-99.90'],
    ]);
    const errors = await db.query<{ file_line: number; problems: { code: string; value: string }[] }>(
      'select file_line, problems from sellout_import_errors',
    );
    expect(errors.rows).toEqual([
      { file_line: 6, problems: [expect.objectContaining({ code: 'invalid_date', value: 'soon' })] },
    ]);
  });
});

describe('the error CSV', () => {
  async function errorCsv(importId: string): Promise<Buffer> {
    const path = join(dir, `errors-${importId}.csv`);
    await writeErrorCsv(db, importId, createWriteStream(path));
    return readFileSync(path);
  }

  it('gives each bad row back as sent, with its line and problem, and imports once fixed', async () => {
    const report = await importSellOutFile(db, { file: fixture('bad-values.csv'), distributorId: 'D-1' });
    const csv = (await errorCsv(report.importId)).toString('utf8');
    const rows = csv.trim().split('\n');
    expect(rows[0]).toBe(
      'error_line,error,distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency',
    );
    expect(rows[1]).toBe(
      '2,"invoice_date ""2026-02-30"": not a valid date in the format YYYY-MM-DD",D-1,L-10,2026-02-30,R-1,,SKU-1,1,100.00,EUR',
    );
    expect(rows).toHaveLength(7);
    const fixed = join(dir, 'fixed.csv');
    writeFileSync(
      fixed,
      csv
        .replace(',2026-02-30,', ',2026-02-28,')
        .replace(',1.5,', ',2,')
        .replace(',"100,00",', ',100.00,')
        .replace(',EURO', ',EUR')
        .replace('D-1,,2026', 'D-1,L-14,2026')
        .replace('D-2,L-15', 'D-1,L-15'),
    );
    const again = await importSellOutFile(db, { file: fixed, distributorId: 'D-1' });
    expect(again).toMatchObject({ linesRead: 6, imported: 6, errors: 0 });
  });

  it('is written in the layout of the profile the file was imported with', async () => {
    await saveProfile(db, 'D-2', germanProfile);
    const bad = join(dir, 'bad-de.csv');
    writeFileSync(
      bad,
      iconv.encode(
        'Bericht;;\r\n\r\nBelegnr.;Rechnungsdatum;Händler;Verkäufer;Artikel;Menge;Nettobetrag;Währung\r\n' +
          'B-1;31.02.2026;R-1;;SKU-1;1;1,00;EUR\r\n',
        'windows-1252',
      ),
    );
    const report = await importSellOutFile(db, { file: bad, distributorId: 'D-2', profileName: 'weekly-de' });
    expect(report.errors).toBe(1);
    const text = iconv.decode(await errorCsv(report.importId), 'windows-1252');
    expect(text.split('\r\n').slice(2, 4)).toEqual([
      'error_line;error;Belegnr.;Rechnungsdatum;Händler;Verkäufer;Artikel;Menge;Nettobetrag;Währung',
      '4;"Rechnungsdatum ""31.02.2026"": not a valid date in the format DD.MM.YYYY";B-1;31.02.2026;R-1;;SKU-1;1;1,00;EUR',
    ]);
  });
});
