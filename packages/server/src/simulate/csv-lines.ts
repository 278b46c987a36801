import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { SimulateError } from './simulate-error.ts';

/** One CSV record with the 1-based line number it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Splits one record; quoted fields may contain commas, doubled quotes and newlines. */
function splitQuoted(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += char;
    } else if (char === '"') inQuotes = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

function quoteCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}

/**
 * Streams the records of a canonical (UTF-8, comma, RFC 4180) CSV file, a batch per chunk read
 * (one promise per chunk, not per line). Lines without quotes take a plain split, the hot path
 * for sell-out files; memory holds one chunk, not the file.
 */
export async function* readCsvBatches(path: string): AsyncGenerator<CsvRecord[]> {
  try {
    await access(path);
  } catch {
    throw new SimulateError('file_missing', 'file not found', { file: path });
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let lineNumber = 0;
  let pending: { text: string; line: number } | undefined;
  const emit = (text: string, batch: CsvRecord[]): void => {
    lineNumber++;
    const clean = lineNumber === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const line = clean.endsWith('\r') ? clean.slice(0, -1) : clean;
    if (pending !== undefined) {
      pending.text += `\n${line}`;
      if (quoteCount(pending.text) % 2 === 1) return;
      batch.push({ line: pending.line, fields: splitQuoted(pending.text) });
      pending = undefined;
    } else if (line === '') {
      return;
    } else if (line.indexOf('"') === -1) {
      batch.push({ line: lineNumber, fields: line.split(',') });
    } else if (quoteCount(line) % 2 === 1) {
      pending = { text: line, line: lineNumber };
    } else {
      batch.push({ line: lineNumber, fields: splitQuoted(line) });
    }
  };
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    const batch: CsvRecord[] = [];
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      emit(text.slice(start, end), batch);
      start = end + 1;
    }
    rest = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  const last: CsvRecord[] = [];
  if (rest !== '') emit(rest, last);
  if (pending !== undefined) {
    throw new SimulateError('invalid_value', 'a quoted field is not closed', { file: path, line: pending.line });
  }
  if (last.length > 0) yield last;
}

/** Reads the header and yields each record as named fields, checking the required columns. */
export async function* readCsvRows(
  path: string,
  columns: readonly string[],
): AsyncGenerator<{ line: number; get: (column: string) => string }> {
  let index: Map<string, number> | undefined;
  for await (const batch of readCsvBatches(path)) {
    for (const record of batch) {
      if (index === undefined) {
        index = new Map(record.fields.map((name, position) => [name.trim().toLowerCase(), position]));
        const missing = columns.filter((column) => !index!.has(column));
        if (missing.length > 0) {
          throw new SimulateError('missing_column', `missing column(s) ${missing.join(', ')}`, {
            file: path,
            line: record.line,
          });
        }
        continue;
      }
      const positions = index;
      const fields = record.fields;
      yield { line: record.line, get: (column) => (fields[positions.get(column)!] ?? '').trim() };
    }
  }
  if (index === undefined)
    throw new SimulateError('missing_column', 'the file is empty (no header row)', { file: path });
}
