import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  FileFormatError,
  readTabularFile,
  type TabularReadOptions,
  type TabularRow,
} from '../../src/files/tabular-reader.ts';

const dir = mkdtempSync(join(tmpdir(), 'spur-tabular-'));
const fixtures = join(import.meta.dirname, '../fixtures/sellout');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function readAll(path: string, options?: TabularReadOptions): Promise<TabularRow[]> {
  const rows: TabularRow[] = [];
  for await (const row of readTabularFile(path, options)) rows.push(row);
  return rows;
}

async function failure(path: string, options?: TabularReadOptions): Promise<FileFormatError> {
  try {
    await readAll(path, options);
  } catch (error) {
    if (error instanceof FileFormatError) return error;
    throw error;
  }
  throw new Error(`reading ${path} did not fail`);
}

describe('reading CSV files', () => {
  it('keys each row by the header and numbers it by its line in the file', async () => {
    const rows = await readAll(file('plain.csv', '\uFEFFsku,qty\nA-1,3\n\nB-2,-1\n'));
    expect(rows.map(({ line, values }) => ({ line, values }))).toEqual([
      { line: 2, values: { sku: 'A-1', qty: '3' } },
      { line: 4, values: { sku: 'B-2', qty: '-1' } },
    ]);
    expect(rows.at(-1)?.progress).toBe(1);
  });

  it('skips title rows before the header and honours the delimiter', async () => {
    const rows = await readAll(file('titled.csv', 'Sales report\nweek 12;;\nsku;qty\nA-1;3\n'), {
      delimiter: ';',
      skipRows: 2,
    });
    expect(rows.map(({ line, values }) => ({ line, values }))).toEqual([{ line: 4, values: { sku: 'A-1', qty: '3' } }]);
  });

  it('decodes Windows-1252 text', async () => {
    const rows = await readAll(file('cp1252.csv', Buffer.from('name;amount\nM\xfcller \x80;12,50\n', 'latin1')), {
      delimiter: ';',
      encoding: 'windows-1252',
    });
    expect(rows[0]?.values).toEqual({ name: 'Müller €', amount: '12,50' });
  });

  it('reads a tab-separated .tsv file without being told the delimiter', async () => {
    const rows = await readAll(file('tabs.tsv', 'sku\tqty\nA-1\t3\n'));
    expect(rows[0]?.values).toEqual({ sku: 'A-1', qty: '3' });
  });

  it('keeps quoted delimiters and line breaks inside one field', async () => {
    const rows = await readAll(file('quoted.csv', 'name,qty\n"Smith, ""Jr""\nsecond line",2\n\nLee,3\n'));
    expect(rows[0]?.values).toEqual({ name: 'Smith, "Jr"\nsecond line', qty: '2' });
    expect(rows.map((row) => row.line)).toEqual([2, 5]);
  });

  it('ignores empty padding cells beyond the header', async () => {
    const rows = await readAll(file('padded.csv', 'sku,qty\nA-1,3,,\n'));
    expect(rows[0]?.values).toEqual({ sku: 'A-1', qty: '3' });
  });

  it.each([
    ['short row', 'sku,qty,amount\nA-1,3\n', 'csv_malformed', 2],
    ['extra field', 'sku,qty\nA-1,3,oops\n', 'csv_malformed', 2],
    ['unclosed quote', 'sku,qty\n"A-1,3\n', 'csv_malformed', undefined],
    ['duplicate column', 'sku,sku\nA,B\n', 'duplicate_column', 1],
    ['empty column name', 'sku,,qty\nA,B,C\n', 'empty_column_name', 1],
    ['no header', '\n\n', 'missing_header', undefined],
  ])('refuses a file with a %s, naming the file and line', async (_name, content, code, line) => {
    const path = file(`bad-${code}-${line}.csv`, content);
    const error = await failure(path);
    expect(error.code).toBe(code);
    expect(error.file).toBe(path);
    if (line !== undefined) expect(error.line).toBe(line);
    expect(error.message).toContain(path);
  });

  it('refuses Windows-1252 bytes read as UTF-8 and names line, column and value', async () => {
    const path = file('latin.csv', Buffer.from('name,qty\nM\xfcller,1\n', 'latin1'));
    const error = await failure(path);
    expect(error).toMatchObject({ code: 'invalid_encoding', line: 2, column: 'name' });
    expect(error.message).toContain('Windows-1252');
  });

  it('says when the file does not exist', async () => {
    expect((await failure(join(dir, 'missing.csv'))).code).toBe('file_not_found');
  });

  it('refuses a file type it cannot read', async () => {
    expect((await failure(file('report.pdf', 'x'))).code).toBe('unsupported_file_type');
  });
});

describe('reading XLSX files', () => {
  async function workbook(name: string, fill: (book: ExcelJS.Workbook) => void): Promise<string> {
    const book = new ExcelJS.Workbook();
    fill(book);
    const path = join(dir, name);
    await book.xlsx.writeFile(path);
    return path;
  }

  it('reads the first sheet with row numbers, numbers and dates in canonical form', async () => {
    const path = await workbook('report.xlsx', (book) => {
      const sheet = book.addWorksheet('Report');
      sheet.addRow(['Distributor report']);
      sheet.addRow([]);
      sheet.addRow(['line', 'date', 'amount', 'note']);
      sheet.addRow(['L1', new Date(Date.UTC(2026, 2, 31)), 1234.5, 'text']);
      book.addWorksheet('Other').addRow(['x']);
    });
    const rows = await readAll(path, { skipRows: 2 });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.line).toBe(4);
    expect(rows[0]?.values).toEqual({ line: 'L1', date: '2026-03-31', amount: '1234.5', note: 'text' });
    expect([...(rows[0]?.typedColumns ?? [])].sort()).toEqual(['amount', 'date']);
  });

  it('reads a sheet chosen by name', async () => {
    const path = await workbook('two-sheets.xlsx', (book) => {
      book.addWorksheet('Summary').addRow(['total']);
      const sheet = book.addWorksheet('Lines');
      sheet.addRow(['sku']);
      sheet.addRow(['A-1']);
    });
    expect((await readAll(path, { sheet: 'Lines' }))[0]?.values).toEqual({ sku: 'A-1' });
    expect((await failure(path, { sheet: 'Nope' })).code).toBe('sheet_not_found');
  });

  it('refuses a zip bomb before unpacking it', async () => {
    const path = join(fixtures, 'zip-bomb.xlsx');
    const error = await failure(path);
    expect(error.code).toBe('zip_bomb');
    expect(error.message).toContain('zip bomb');
  });

  it('refuses an archive that would unpack beyond the configured total', async () => {
    const path = await workbook('big.xlsx', (book) => {
      const sheet = book.addWorksheet('Lines');
      for (let row = 0; row < 200; row++) sheet.addRow([`line ${row}`, row]);
    });
    expect((await failure(path, { maxUncompressedBytes: 1000 })).code).toBe('zip_bomb');
  });

  it('refuses a file that is not a zip archive', async () => {
    expect((await failure(file('fake.xlsx', 'sku,qty\n'))).code).toBe('xlsx_malformed');
  });
});
