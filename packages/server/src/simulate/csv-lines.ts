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
 * Turns the lines of a canonical CSV (without their newline) into records: a quoted field may
 * span lines, so a record starts on one line and may end on a later one.
 */
export class CsvRecordAssembler {
  private lineNumber = 0;
  private pending: { text: string; line: number } | undefined;

  /** Whether a record is open across lines (its next lines must come here too). */
  get open(): boolean {
    return this.pending !== undefined;
  }

  /** The 1-based number of the line last pushed or skipped. */
  get line(): number {
    return this.lineNumber;
  }

  /** Counts a line read elsewhere (the byte path), keeping line numbers right. */
  skipLine(): void {
    this.lineNumber++;
  }

  /** Adds the next line; returns the record it completes, if any. */
  push(text: string): CsvRecord | undefined {
    this.lineNumber++;
    const clean = this.lineNumber === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const line = clean.endsWith('\r') ? clean.slice(0, -1) : clean;
    const pending = this.pending;
    if (pending !== undefined) {
      pending.text += `\n${line}`;
      if (quoteCount(pending.text) % 2 === 1) return undefined;
      this.pending = undefined;
      return { line: pending.line, fields: splitQuoted(pending.text) };
    }
    if (line === '') return undefined;
    if (line.indexOf('"') === -1) return { line: this.lineNumber, fields: line.split(',') };
    if (quoteCount(line) % 2 === 1) {
      this.pending = { text: line, line: this.lineNumber };
      return undefined;
    }
    return { line: this.lineNumber, fields: splitQuoted(line) };
  }

  /** Fails when the file ended inside a quoted field. */
  finish(file: string): void {
    if (this.pending !== undefined) {
      throw new SimulateError('invalid_value', 'a quoted field is not closed', { file, line: this.pending.line });
    }
  }
}

/** Fails with `file_missing` when the file is not there. */
export async function assertFileExists(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new SimulateError('file_missing', 'file not found', { file: path });
  }
}

/**
 * Streams the records of a canonical (UTF-8, comma, RFC 4180) CSV file, a batch per chunk read
 * (one promise per chunk, not per line). Lines without quotes take a plain split; memory holds
 * one chunk, not the file.
 */
export async function* readCsvBatches(path: string): AsyncGenerator<CsvRecord[]> {
  await assertFileExists(path);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const assembler = new CsvRecordAssembler();
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    const batch: CsvRecord[] = [];
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      const record = assembler.push(text.slice(start, end));
      if (record !== undefined) batch.push(record);
      start = end + 1;
    }
    rest = text.slice(start);
    if (batch.length > 0) yield batch;
  }
  const last = rest === '' ? undefined : assembler.push(rest);
  assembler.finish(path);
  if (last !== undefined) yield [last];
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
