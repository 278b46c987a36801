import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { MasterDataImportRejected } from '../../src/masterdata/import-errors.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/masterdata/', import.meta.url));

export type FileFormat = 'csv' | 'xlsx';

let xlsxDir: string | undefined;

/** The fixture as CSV, or the same cells as text in an XLSX sheet, so both readers face every bad input. */
export async function fixture(name: string, format: FileFormat = 'csv'): Promise<string> {
  const csvPath = join(FIXTURES, name);
  if (format === 'csv') return csvPath;
  xlsxDir ??= mkdtempSync(join(tmpdir(), 'spur-masterdata-'));
  const cells: string[][] = parse(readFileSync(csvPath, 'utf8'), { relax_column_count: true });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('data');
  for (const row of cells) sheet.addRow(row);
  const xlsxPath = join(xlsxDir, basename(name, '.csv') + '.xlsx');
  await workbook.xlsx.writeFile(xlsxPath);
  return xlsxPath;
}

/** The errors an import was rejected with, as [line, field, code] for table comparison. */
export async function rejectionOf(importing: Promise<unknown>): Promise<MasterDataImportRejected> {
  try {
    await importing;
  } catch (error) {
    if (error instanceof MasterDataImportRejected) return error;
    throw error;
  }
  throw new Error('the import was expected to be rejected but succeeded');
}

export function errorTriples(rejection: MasterDataImportRejected): Array<[number, string, string]> {
  return rejection.errors.map((error) => [error.line, error.field, error.code]);
}
