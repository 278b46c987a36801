import { open } from 'node:fs/promises';
import { type SellOutAggregator, SellOutValueError } from '@spur/engine';
import { assertFileExists, type CsvRecord, CsvRecordAssembler } from './csv-lines.ts';
import { SimulateError } from './simulate-error.ts';

export const SELLOUT_COLUMNS = [
  'distributor_id',
  'line_id',
  'invoice_date',
  'reseller_id',
  'rep_id',
  'sku',
  'quantity',
  'net_amount',
  'currency',
] as const;

/** Checks the header row; returns where each canonical column sits. */
function headerPositions(record: CsvRecord, file: string): number[] {
  const header = record.fields.map((name) => name.trim().toLowerCase());
  const missing = SELLOUT_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new SimulateError('missing_column', `missing column(s) ${missing.join(', ')}`, {
      file,
      line: record.line,
    });
  }
  return SELLOUT_COLUMNS.map((column) => header.indexOf(column));
}

/** Adds a record through the string path, which also names the field of a bad value. */
function addRecord(record: CsvRecord, positions: number[], aggregator: SellOutAggregator, file: string): void {
  const f = record.fields;
  const p = positions;
  const lineId = f[p[1]!] ?? '';
  const resellerId = f[p[3]!] ?? '';
  const sku = f[p[5]!] ?? '';
  const currency = f[p[8]!] ?? '';
  if (resellerId === '' || sku === '' || lineId === '' || !/^[A-Z]{3}$/.test(currency)) {
    const [column, value] =
      lineId === ''
        ? ['line_id', lineId]
        : resellerId === ''
          ? ['reseller_id', resellerId]
          : sku === ''
            ? ['sku', sku]
            : ['currency', currency];
    throw new SimulateError('invalid_value', `"${value}" is not a valid ${column}`, {
      file,
      line: record.line,
      column,
      value,
    });
  }
  try {
    aggregator.add({
      distributorId: f[p[0]!] ?? '',
      lineId,
      invoiceDate: f[p[2]!] ?? '',
      resellerId,
      repId: f[p[4]!] || null,
      sku,
      quantity: f[p[6]!] ?? '',
      netAmount: f[p[7]!] ?? '',
      currency,
    });
  } catch (error) {
    if (error instanceof SellOutValueError) {
      throw new SimulateError('invalid_value', error.message, {
        file,
        line: record.line,
        column: error.field,
        value: error.value,
      });
    }
    throw error;
  }
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const QUOTE = 34;
const CHUNK_BYTES = 1 << 20;

/**
 * Streams `sellout.csv` into the aggregator; returns how many lines it read. Unquoted lines go
 * to the aggregator as bytes (no strings per line); the header, quoted records and any line the
 * byte path declines take the string path, so results and errors are the same either way.
 */
export async function aggregateSellOutFile(file: string, aggregator: SellOutAggregator): Promise<number> {
  await assertFileExists(file);
  const assembler = new CsvRecordAssembler();
  let positions: number[] | undefined;
  let read = 0;
  const take = (record: CsvRecord | undefined): void => {
    if (record === undefined) return;
    if (positions === undefined) {
      positions = headerPositions(record, file);
      aggregator.useCsvLayout({ fieldCount: record.fields.length, positions });
      return;
    }
    read++;
    addRecord(record, positions, aggregator, file);
  };
  /** `nextQuote`: position of the first quote at or after the line in `bytes`, searched once per chunk. */
  let nextQuote = -1;
  const line = (bytes: Buffer, start: number, end: number): void => {
    const last = end > start && bytes[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
    if (nextQuote !== -1 && nextQuote < start) nextQuote = bytes.indexOf(QUOTE, start);
    const quoted = nextQuote !== -1 && nextQuote < end;
    if (positions === undefined || assembler.open || quoted) {
      take(assembler.push(bytes.toString('utf8', start, end)));
      return;
    }
    assembler.skipLine();
    if (last === start) return;
    if (aggregator.addCsvLine(bytes, start, last) !== undefined) read++;
    else take({ line: assembler.line, fields: bytes.toString('utf8', start, last).split(',') });
  };
  const handle = await open(file, 'r');
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        // One line longer than the buffer: grow it.
        const larger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(larger, 0, 0, filled);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      const scanFrom = filled;
      filled += bytesRead;
      const view = buffer.subarray(0, filled);
      nextQuote = view.indexOf(QUOTE);
      let start = 0;
      for (let end = view.indexOf(NEWLINE, scanFrom); end !== -1; end = view.indexOf(NEWLINE, start)) {
        line(view, start, end);
        start = end + 1;
      }
      buffer.copy(buffer, 0, start, filled);
      filled -= start;
    }
    if (filled > 0) {
      const view = buffer.subarray(0, filled);
      nextQuote = view.indexOf(QUOTE);
      line(view, 0, filled);
    }
  } finally {
    await handle.close();
  }
  assembler.finish(file);
  if (positions === undefined) throw new SimulateError('missing_column', 'the file is empty (no header row)', { file });
  return read;
}
