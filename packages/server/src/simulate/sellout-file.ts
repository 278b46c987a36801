import { type SellOutAggregator, SellOutValueError } from '@spur/engine';
import { readCsvBatches } from './csv-lines.ts';
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

/** Streams `sellout.csv` into the aggregator; returns how many lines it read. */
export async function aggregateSellOutFile(file: string, aggregator: SellOutAggregator): Promise<number> {
  let positions: number[] | undefined;
  let read = 0;
  for await (const batch of readCsvBatches(file)) {
    for (const record of batch) {
      if (positions === undefined) {
        const header = record.fields.map((name) => name.trim().toLowerCase());
        const missing = SELLOUT_COLUMNS.filter((column) => !header.includes(column));
        if (missing.length > 0) {
          throw new SimulateError('missing_column', `missing column(s) ${missing.join(', ')}`, {
            file,
            line: record.line,
          });
        }
        positions = SELLOUT_COLUMNS.map((column) => header.indexOf(column));
        continue;
      }
      const f = record.fields;
      const p = positions;
      read++;
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
  }
  if (positions === undefined) throw new SimulateError('missing_column', 'the file is empty (no header row)', { file });
  return read;
}
