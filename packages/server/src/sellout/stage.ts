import type { Tx } from '../db/connection-types.ts';
import type { TabularRow } from '../files/tabular-reader.ts';
import { copyField } from './copy-text.ts';
import { OPTIONAL_FIELDS, SELL_OUT_FIELDS } from './mapping-profile.ts';
import { SellOutError } from './sellout-errors.ts';
import type { SellOutRowValidator } from './validate-row.ts';

const needsCopyEscape = /[\\\t\n\r]/;

/**
 * The rows of one import, typed, before the merge. Valid rows carry their values; unreadable ones
 * their problems and the row as read. A temporary table: a killed import leaves nothing behind.
 */
export async function createStage(tx: Tx): Promise<void> {
  await tx.exec(`create temp table sellout_stage (
    file_line integer not null,
    line_id text,
    invoice_date date,
    reseller_id text,
    rep_id text,
    sku text,
    quantity integer,
    net_amount numeric,
    currency char(3),
    problems jsonb,
    raw jsonb
  ) on commit drop`);
}

export const STAGE_COPY_SQL =
  'copy sellout_stage (file_line, line_id, invoice_date, reseller_id, rep_id, sku, quantity, net_amount, currency, problems, raw) from stdin';

/** COPY chunks of about this size: large enough for throughput, small enough for bounded memory. */
const CHUNK_CHARS = 512 * 1024;

export interface StageProgress {
  lines: number;
  /** Share of the file read, 0..1, when the reader knows it. */
  fraction: number | undefined;
}

/** What staging learnt about the file, filled in as it streams. */
export interface StageState {
  lines: number;
  /** The file's column names in order (empty when the file has no data rows). */
  columns: string[];
}

/**
 * Validates every row and turns it into COPY text for `sellout_stage`, in chunks that end at a row
 * boundary. Checks on the first row that the file has every column the profile expects.
 */
export async function* stageChunks(
  rows: AsyncIterable<TabularRow>,
  validator: SellOutRowValidator,
  file: string,
  state: StageState,
  onProgress: (progress: StageProgress) => void,
): AsyncIterable<string> {
  let chunk = '';
  let lines = 0;
  onProgress({ lines: 0, fraction: 0 });
  for await (const row of rows) {
    if (lines === 0) {
      checkColumns(row, validator, file);
      state.columns = Object.keys(row.values);
    }
    lines++;
    state.lines = lines;
    const result = validator.validate(row);
    if (result.ok) {
      const line = result.line;
      // Ids almost never hold a tab, backslash or line break: test the joined ids once, escape rarely.
      const ids = line.lineId + line.resellerId + (line.repId ?? '') + line.sku;
      chunk += needsCopyEscape.test(ids)
        ? `${row.line}\t${copyField(line.lineId)}\t${line.invoiceDate}\t${copyField(line.resellerId)}\t${copyField(line.repId)}\t${copyField(line.sku)}\t${line.quantity}\t${line.netAmount}\t${line.currency}\t\\N\t\\N\n`
        : `${row.line}\t${line.lineId}\t${line.invoiceDate}\t${line.resellerId}\t${line.repId ?? '\\N'}\t${line.sku}\t${line.quantity}\t${line.netAmount}\t${line.currency}\t\\N\t\\N\n`;
    } else {
      chunk += `${row.line}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${copyField(JSON.stringify(result.problems))}\t${copyField(JSON.stringify(row.values))}\n`;
    }
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
      onProgress({ lines, fraction: row.progress });
    }
  }
  if (chunk !== '') yield chunk;
  onProgress({ lines, fraction: 1 });
}

function checkColumns(row: TabularRow, validator: SellOutRowValidator, file: string): void {
  const missing = SELL_OUT_FIELDS.filter(
    (field) => !OPTIONAL_FIELDS.has(field) && !(validator.column(field) in row.values),
  ).map((field) => validator.column(field));
  if (missing.length > 0) {
    throw new SellOutError(
      'missing_column',
      `${file}: missing column(s) ${missing.map((name) => `"${name}"`).join(', ')}; the header has ${Object.keys(
        row.values,
      )
        .map((name) => `"${name}"`)
        .join(', ')} (wrong delimiter or mapping profile?)`,
    );
  }
}
