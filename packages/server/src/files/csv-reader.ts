import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { FileFormatError } from './file-format-error.ts';
import { readHeader } from './header.ts';
import type { TabularReadOptions, TabularRow } from './tabular-types.ts';

const REPLACEMENT_CHARACTER = '\uFFFD';

/** Streams a CSV file row by row; the first row after `skipRows` is the header. */
export async function* readCsvFile(path: string, options: TabularReadOptions = {}): AsyncIterable<TabularRow> {
  const encoding = options.encoding ?? 'utf-8';
  const skipRows = options.skipRows ?? 0;
  const size = await stat(path).then(
    (stats) => stats.size,
    (error: unknown) => {
      throw asFileFormatError(error, path);
    },
  );
  const source = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoded = encoding === 'windows-1252' ? source.pipe(iconv.decodeStream('windows-1252')) : source;
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    bom: encoding === 'utf-8',
    from_line: skipRows + 1,
    relax_column_count: true,
    // Line numbers are counted here: csv-parse's `info` option triples the parsing time.
    skip_empty_lines: false,
  });
  source.on('error', (error) => parser.destroy(error));
  decoded.pipe(parser);

  let columns: string[] | undefined;
  let nextLine = skipRows + 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine += 1 + lineBreaksIn(record);
      if (record.length === 1 && record[0] === '') continue;
      if (columns === undefined) {
        columns = readHeader(record, path, line);
        continue;
      }
      yield {
        line,
        values: toValues(record, columns, path, line, encoding),
        progress: size === 0 ? 1 : Math.min(1, source.bytesRead / size),
      };
    }
  } catch (error) {
    throw asFileFormatError(error, path);
  } finally {
    source.destroy();
  }
  if (columns === undefined) {
    throw new FileFormatError('missing_header', `no header row after skipping ${skipRows} row(s)`, { file: path });
  }
}

/** Quoted fields may span lines; the next record starts that many lines further down. */
function lineBreaksIn(record: readonly string[]): number {
  let breaks = 0;
  for (const field of record) {
    if (!field.includes('\n')) continue;
    for (let index = field.indexOf('\n'); index >= 0; index = field.indexOf('\n', index + 1)) breaks++;
  }
  return breaks;
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
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    const csvError = error as CsvError & { lines?: number };
    return new FileFormatError('csv_malformed', csvError.message, { file, line: csvError.lines });
  }
  return error;
}
