import type { Tx } from '../db/connection-types.ts';
import { copyField } from './copy-text.ts';
import { CopyChunk, copyChunks, lineCopyText, type RowSource, STAGE_COPY_SQL, stageRowText } from './stage.ts';

/**
 * The bulk path of a sell-out import: rows go by COPY straight into `sellout_lines`, with no
 * staging table and no second pass in SQL. It is only correct when every row is a new line, so it
 * is optimistic, inside a savepoint:
 * - rows that need the staged merge (unreadable rows, unknown reseller or SKU) are kept aside as
 *   stage text, up to EXCEPTION_BYTES, and merged afterwards;
 * - a line id already stored, or repeated in the file, hits the primary key: the COPY fails with a
 *   unique violation, the savepoint is rolled back and the caller runs the staged path instead;
 * - so does a kept-aside row whose line id the bulk rows also carry (an in-file repeat that the
 *   staged path must rank by file order), or more kept-aside rows than fit in memory.
 * A weekly report of new lines, the common case, then costs about one COPY into the indexed table
 * (see docs/import-formats.md, Performance). The staged path gives the same result for every file;
 * a property test compares the two.
 */

export const BULK_COPY_SQL =
  'copy sellout_lines (distributor_id, line_id, invoice_date, reseller_id, rep_id, sku, quantity, net_amount, currency, import_id) from stdin';

/** Rows kept aside for the staged merge are held in memory up to this much COPY text. */
export const EXCEPTION_BYTES = 16 * 1024 * 1024;

const SAVEPOINT = 'sellout_bulk';
/**
 * A unique violation means a line id that is stored or repeated. A deadlock can only come from two
 * bulk imports of one distributor inserting overlapping line ids in different orders; PostgreSQL
 * cancels one of them, which then waits on the staged path's lock instead.
 */
const FALLBACK_CODES = new Set(['23505', '40P01']);

/** Why the bulk path gave up; the import continues on the staged path. */
export class BulkFallback extends Error {}

/** Reseller and product ids that exist: a row naming another one goes to quarantine. */
export interface KnownIds {
  partners: ReadonlySet<string>;
  skus: ReadonlySet<string>;
}

/** Master data is small next to sell-out (thousands of partners, hundreds of SKUs): held in memory. */
export async function loadKnownIds(tx: Tx): Promise<KnownIds> {
  const partners = await tx.query<{ id: string }>('select partner_id as id from partners');
  const skus = await tx.query<{ id: string }>('select sku as id from products');
  return { partners: new Set(partners.rows.map((row) => row.id)), skus: new Set(skus.rows.map((row) => row.id)) };
}

export interface BulkLoadInput extends RowSource {
  distributorId: string;
  importId: string;
}

/**
 * What the bulk path stored (new lines in `sellout_lines`, the rows kept aside in `sellout_stage`),
 * or why it gave up.
 */
export type BulkLoadResult = { imported: number } | { fallback: string };

/**
 * Tries the bulk path. When it gives up nothing of it remains and the caller stages the file. Any
 * other error (a missing column, a malformed file, too many rows) propagates.
 */
export async function tryBulkLoad(tx: Tx, input: BulkLoadInput): Promise<BulkLoadResult> {
  const known = await loadKnownIds(tx);
  const keptAside: string[] = [];
  await tx.exec(`savepoint ${SAVEPOINT}`);
  try {
    const imported = await tx.copyFrom(BULK_COPY_SQL, bulkChunks(input, known, keptAside));
    if (keptAside.length > 0) {
      await tx.copyFrom(STAGE_COPY_SQL, textChunks(keptAside));
      const repeated = await tx.query(
        `select 1 from sellout_stage s
         join sellout_lines l on l.distributor_id = $1 and l.line_id = s.line_id and l.import_id = $2
         limit 1`,
        [input.distributorId, input.importId],
      );
      if (repeated.rows.length > 0) {
        throw new BulkFallback('a row with an unknown reseller or SKU repeats a line id of the file');
      }
    }
    await tx.exec(`release savepoint ${SAVEPOINT}`);
    return { imported };
  } catch (error) {
    const reason = fallbackReason(error);
    if (reason === undefined) throw error;
    await tx.exec(`rollback to savepoint ${SAVEPOINT}`);
    return { fallback: reason };
  }
}

function fallbackReason(error: unknown): string | undefined {
  if (error instanceof BulkFallback) return error.message;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string' || !FALLBACK_CODES.has(code)) return undefined;
  return code === '40P01'
    ? 'another import of this distributor stores the same line ids'
    : 'some line ids are already stored or repeat in the file';
}

/** COPY text for `sellout_lines` of the rows that are new lines as far as the file alone tells. */
function bulkChunks(input: BulkLoadInput, known: KnownIds, keptAside: string[]): AsyncIterable<Buffer> {
  const { validator } = input;
  const distributor = copyField(input.distributorId);
  const importId = input.importId;
  let keptBytes = 0;
  return copyChunks(input, (row) => {
    const result = validator.validate(row);
    if (result.ok && known.partners.has(result.line.resellerId) && known.skus.has(result.line.sku)) {
      return `${distributor}\t${lineCopyText(result.line)}\t${importId}\n`;
    }
    const text = stageRowText(row, result);
    keptBytes += text.length;
    if (keptBytes > EXCEPTION_BYTES) throw new BulkFallback('many rows have errors or an unknown reseller or SKU');
    keptAside.push(text);
    return undefined;
  });
}

async function* textChunks(texts: readonly string[]): AsyncIterable<Buffer> {
  const chunk = new CopyChunk();
  for (const text of texts) {
    const full = chunk.append(text);
    if (full !== undefined) yield full;
  }
  const rest = chunk.take();
  if (rest !== undefined) yield rest;
}
