import { extname } from 'node:path';
import { readCsvFile } from './csv-reader.ts';
import { FileFormatError } from './file-format-error.ts';
import type { TabularReadOptions, TabularRow } from './tabular-types.ts';
import { readXlsxFile } from './xlsx-reader.ts';

export type { FileFormatErrorCode } from './file-format-error.ts';
export { FileFormatError } from './file-format-error.ts';
export type { TabularReadOptions, TabularRow } from './tabular-types.ts';

/** The table formats the imports accept, chosen by file extension. */
export function tabularFormatOf(path: string): 'csv' | 'xlsx' {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv' || extension === '.txt' || extension === '.tsv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw new FileFormatError(
    'unsupported_file_type',
    `unsupported file type "${extension || '(none)'}": use .csv, .txt, .tsv or .xlsx`,
    { file: path },
  );
}

/**
 * Streams the data rows of a CSV or XLSX file (by extension) with bounded memory; the header row
 * gives the keys. Structural problems throw a FileFormatError naming file, line, column and value.
 */
export function readTabularFile(path: string, options: TabularReadOptions = {}): AsyncIterable<TabularRow> {
  if (tabularFormatOf(path) === 'xlsx') return readXlsxFile(path, options);
  const tabSeparated = extname(path).toLowerCase() === '.tsv';
  return readCsvFile(path, { ...options, delimiter: options.delimiter ?? (tabSeparated ? '\t' : ',') });
}
