import { extname } from 'node:path';
import { readCsvBatches, readCsvFile } from './csv-reader.ts';
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
  return readCsvFile(path, csvOptions(path, options));
}

/** A .tsv file is tab-separated unless the options say otherwise. */
function csvOptions(path: string, options: TabularReadOptions): TabularReadOptions {
  const tabSeparated = extname(path).toLowerCase() === '.tsv';
  return { ...options, delimiter: options.delimiter ?? (tabSeparated ? '\t' : ',') };
}

/** Rows of a spreadsheet are grouped this many at a time by `readTabularBatches`. */
const XLSX_BATCH_ROWS = 1000;

/**
 * Like `readTabularFile`, in batches of rows, for imports that handle millions of rows: a
 * synchronous loop over a batch avoids one awaited step per row.
 */
export function readTabularBatches(path: string, options: TabularReadOptions = {}): AsyncIterable<TabularRow[]> {
  if (tabularFormatOf(path) === 'xlsx') return batched(readXlsxFile(path, options), XLSX_BATCH_ROWS);
  return readCsvBatches(path, csvOptions(path, options));
}

async function* batched<T>(items: AsyncIterable<T>, size: number): AsyncIterable<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
