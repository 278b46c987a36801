import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { type CsvRecord, CsvRecordSplitter, CsvSyntaxError } from './csv-records.ts';
import { FileFormatError } from './file-format-error.ts';
import { readHeader } from './header.ts';
import type { TabularReadOptions, TabularRow } from './tabular-types.ts';

const REPLACEMENT_CHARACTER = '\uFFFD';

/** Streams a CSV file row by row; the first row after `skipRows` is the header. */
export async function* readCsvFile(path: string, options: TabularReadOptions = {}): AsyncIterable<TabularRow> {
  for await (const batch of readCsvBatches(path, options)) yield* batch;
}

/**
 * Streams a CSV file in batches of rows (those completed by each chunk read). A multi-million-line
 * import loops over a batch synchronously: one awaited step per row cost more than the parsing.
 */
export async function* readCsvBatches(path: string, options: TabularReadOptions = {}): AsyncIterable<TabularRow[]> {
  const encoding = options.encoding ?? 'utf-8';
  const skipRows = options.skipRows ?? 0;
  const size = await stat(path).then(
    (stats) => stats.size,
    (error: unknown) => {
      throw asFileFormatError(error, path);
    },
  );
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  const text = (
    encoding === 'windows-1252' ? source.pipe(iconv.decodeStream('windows-1252')) : source.setEncoding('utf8')
  ) as AsyncIterable<string>;
  const splitter = new CsvRecordSplitter(options.delimiter ?? ',', skipRows + 1);
  // Title rows are skipped as raw lines, so stray quotes in a title cannot break the parse.
  let linesToSkip = skipRows;

  let columns: string[] | undefined;
  let first = true;
  try {
    for await (let chunk of text) {
      if (first) {
        first = false;
        if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      }
      while (linesToSkip > 0 && chunk !== '') {
        const end = chunk.indexOf('\n');
        chunk = end < 0 ? '' : chunk.slice(end + 1);
        if (end >= 0) linesToSkip--;
      }
      if (chunk === '') continue;
      const batch = toRows(splitter.push(chunk));
      if (batch.length > 0) yield batch;
    }
    const last = toRows(splitter.end());
    if (last.length > 0) yield last;
  } catch (error) {
    throw asFileFormatError(error, path);
  } finally {
    source.destroy();
  }

  function toRows(records: readonly CsvRecord[]): TabularRow[] {
    const rows: TabularRow[] = [];
    const progress = size === 0 ? 1 : Math.min(1, source.bytesRead / size);
    for (const { line, fields } of records) {
      if (fields.length === 1 && fields[0] === '') continue;
      if (columns === undefined) {
        columns = readHeader(fields, path, line);
        continue;
      }
      rows.push({ line, values: toValues(fields, columns, path, line, encoding), progress });
    }
    return rows;
  }
  if (columns === undefined) {
    throw new FileFormatError('missing_header', `no header row after skipping ${skipRows} row(s)`, { file: path });
  }
}

function toValues(
  record: readonly string[],
  columns: readonly string[],
  file: string,
  line: number,
  encoding: string,
): Record<string, string> {
  if (record.length < columns.length) {
    throw new FileFormatError(
      'csv_malformed',
      `the row has ${record.length} field(s), the header has ${columns.length} (wrong delimiter?)`,
      { file, line },
    );
  }
  // Spreadsheet exports often pad rows with empty cells; anything else beyond the header is an error.
  for (let index = columns.length; index < record.length; index++) {
    if (record[index]?.trim() !== '') {
      throw new FileFormatError('csv_malformed', `field ${index + 1} has no column in the header`, {
        file,
        line,
        value: record[index],
      });
    }
  }
  const values: Record<string, string> = {};
  for (let index = 0; index < columns.length; index++) {
    const value = record[index] as string;
    if (value.includes(REPLACEMENT_CHARACTER)) {
      throw new FileFormatError(
        'invalid_encoding',
        encoding === 'utf-8' ? 'the text is not valid UTF-8 (is the file Windows-1252?)' : 'the text cannot be decoded',
        { file, line, column: columns[index], value },
      );
    }
    values[columns[index] as string] = value;
  }
  return values;
}

function asFileFormatError(error: unknown, file: string): unknown {
  if (error instanceof FileFormatError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new FileFormatError('file_not_found', 'no such file', { file });
  if (error instanceof CsvSyntaxError) {
    return new FileFormatError('csv_malformed', error.message, { file, line: error.line });
  }
  return error;
}
