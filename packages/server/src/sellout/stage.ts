import type { Tx } from '../db/connection-types.ts';
import type { TabularRow } from '../files/tabular-reader.ts';
import { copyField, needsCopyEscape } from './copy-text.ts';
import { OPTIONAL_FIELDS, SELL_OUT_FIELDS } from './mapping-profile.ts';
import { SellOutError } from './sellout-errors.ts';
import type { SellOutLine, SellOutRowValidator, ValidatedRow } from './validate-row.ts';

/**
 * The rows of one import, typed, before the merge. Valid rows carry their values; unreadable ones
 * their problems and the row as read. A temporary table: a killed import leaves nothing behind.
 */
export async function createStage(tx: Tx): Promise<void> {
  await tx.exec(`create temp table sellout_stage (
    file_line integer not null,
    line_id text collate "C",
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
const CHUNK_BYTES = 512 * 1024;

/**
 * COPY text written straight into a byte buffer. Appending to one long string kept every row's text
 * alive until the chunk was sent, and the garbage collector then took half the CPU of staging.
 */
export class CopyChunk {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private length = 0;

  /** Appends one row; gives back the finished chunk first when the row does not fit. */
  append(row: string): Buffer | undefined {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (row.length * 3 <= this.buffer.length - this.length) {
      this.length += this.buffer.write(row, this.length);
      return undefined;
    }
    const full = this.take();
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, row.length * 3));
    this.length = this.buffer.write(row, 0);
    return full;
  }

  /** The rows written so far (undefined when none); the next rows go to a fresh buffer. */
  take(): Buffer | undefined {
    if (this.length === 0) return undefined;
    const chunk = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.length = 0;
    return chunk;
  }
}

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
export function stageChunks(
  batches: AsyncIterable<TabularRow[]>,
  validator: SellOutRowValidator,
  file: string,
  state: StageState,
  onProgress: (progress: StageProgress) => void,
): AsyncIterable<Buffer> {
  return copyChunks({ batches, validator, file, state, onProgress }, (row) =>
    stageRowText(row, validator.validate(row)),
  );
}

/** Where the rows of a file come from and where what is learnt about them goes. */
export interface RowSource {
  batches: AsyncIterable<TabularRow[]>;
  validator: SellOutRowValidator;
  file: string;
  state: StageState;
  onProgress: (progress: StageProgress) => void;
}

/**
 * COPY text of every row, as `rowText` writes it (undefined: the row is not sent), in chunks that
 * end at a row boundary, with the column check on the first row and progress per chunk.
 */
export async function* copyChunks(
  source: RowSource,
  rowText: (row: TabularRow) => string | undefined,
): AsyncIterable<Buffer> {
  const { validator, file, state, onProgress } = source;
  const chunk = new CopyChunk();
  let lines = 0;
  onProgress({ lines: 0, fraction: 0 });
  for await (const batch of source.batches) {
    for (const row of batch) {
      if (lines === 0) {
        checkColumns(row, validator, file);
        state.columns = Object.keys(row.values);
      }
      lines++;
      const text = rowText(row);
      const full = text === undefined ? undefined : chunk.append(text);
      if (full !== undefined) {
        state.lines = lines;
        yield full;
        onProgress({ lines, fraction: row.progress });
      }
    }
    state.lines = lines;
  }
  const rest = chunk.take();
  if (rest !== undefined) yield rest;
  onProgress({ lines, fraction: 1 });
}

/** The `sellout_stage` COPY text of one row: its typed values, or its problems and the row as read. */
export function stageRowText(row: TabularRow, result: ValidatedRow): string {
  if (!result.ok) {
    return `${row.line}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${copyField(JSON.stringify(result.problems))}\t${copyField(JSON.stringify(row.values))}\n`;
  }
  return `${row.line}\t${lineCopyText(result.line)}\t\\N\t\\N\n`;
}

/** The line's values in COPY text, in the order line_id, invoice_date, reseller_id, rep_id, sku, quantity, net_amount, currency. */
export function lineCopyText(line: SellOutLine): string {
  // Ids almost never hold a tab, backslash or line break: test the joined ids once, escape rarely.
  const ids = line.lineId + line.resellerId + (line.repId ?? '') + line.sku;
  return needsCopyEscape(ids)
    ? `${copyField(line.lineId)}\t${line.invoiceDate}\t${copyField(line.resellerId)}\t${copyField(line.repId)}\t${copyField(line.sku)}\t${line.quantity}\t${line.netAmount}\t${line.currency}`
    : `${line.lineId}\t${line.invoiceDate}\t${line.resellerId}\t${line.repId ?? '\\N'}\t${line.sku}\t${line.quantity}\t${line.netAmount}\t${line.currency}`;
}

export function checkColumns(row: TabularRow, validator: SellOutRowValidator, file: string): void {
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
