import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Queryable, SpurDb } from '../db/connection-types.ts';
import { FileFormatError, readTabularBatches, tabularFormatOf } from '../files/tabular-reader.ts';
import { type BulkLoadResult, tryBulkLoad } from './bulk-load.ts';
import { CANONICAL_PROFILE, type MappingProfile } from './mapping-profile.ts';
import { type MergeColumns, type MergeCounts, mergeStage, SELL_OUT_MERGE_LOCK } from './merge.ts';
import { assertDistributor, findProfile } from './profile-repository.ts';
import { SellOutError } from './sellout-errors.ts';
import { createStage, STAGE_COPY_SQL, type StageProgress, type StageState, stageChunks } from './stage.ts';
import { SellOutRowValidator } from './validate-row.ts';

export interface SellOutImportRequest {
  file: string;
  distributorId: string;
  /** A stored mapping profile of the distributor; the canonical layout when absent. */
  profileName?: string;
  onProgress?: (progress: StageProgress) => void;
  /** Called once the whole file is staged, before the merge. */
  onStaged?: () => void;
  /** Called when the bulk path gives up and the file is read again into the stage, with why. */
  onFallback?: (reason: string) => void;
  /** An id reserved with `reserveImportId` (uploads answer with it before the import ends). */
  importId?: string;
  /** The name the user gave the file (an upload's temp file has another); defaults to the file's own. */
  fileName?: string;
  /** Refuse the file (nothing written) once it has more data rows than this. */
  maxLines?: number;
  /**
   * Try the bulk path first (default). False always stages the file: the tests use it to prove
   * both paths store the same.
   */
  bulk?: boolean;
}

/** Takes the next import id now, so a caller can name an import before it is written. */
export async function reserveImportId(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    "select nextval(pg_get_serial_sequence('sellout_imports', 'import_id'))::text as id",
  );
  return rows[0]!.id;
}

/** Stops reading after `maxLines` data rows with an error naming the file and the limit. */
async function* limitLines<T>(batches: AsyncIterable<T[]>, maxLines: number, file: string): AsyncIterable<T[]> {
  let lines = 0;
  for await (const batch of batches) {
    lines += batch.length;
    if (lines > maxLines) {
      throw new SellOutError('too_many_lines', `${file}: more than ${maxLines} data rows; split the report`);
    }
    yield batch;
  }
}

/** What one import did: every row read is counted in exactly one of the other figures. */
export interface SellOutImportReport extends MergeCounts {
  importId: string;
  file: string;
  distributorId: string;
  profileName: string;
  linesRead: number;
  /** How the lines were stored: straight by COPY (new lines only) or through the staging table. */
  loadPath: 'bulk' | 'staged';
}

/**
 * Imports one sell-out report in a single transaction: stream, validate, COPY into a staging
 * table, merge set-based. A killed import leaves nothing; running it again does the whole import;
 * the same file twice adds nothing (its lines come back as duplicates).
 */
export async function importSellOutFile(db: SpurDb, request: SellOutImportRequest): Promise<SellOutImportReport> {
  const { file, distributorId } = request;
  await assertDistributor(db, distributorId);
  const profile =
    request.profileName === undefined ? CANONICAL_PROFILE : await findProfile(db, distributorId, request.profileName);
  const validator = new SellOutRowValidator(profile, distributorId);
  tabularFormatOf(file);
  const startedAt = new Date();
  const sha256 = await fileSha256(file);
  const state: StageState = { lines: 0, columns: [] };

  return db.transaction(async (tx) => {
    await createStage(tx);
    // The id is taken first because the bulk path writes it on every line it stores.
    const importId = request.importId ?? (await reserveImportId(tx));
    const readRows = () => {
      const fileRows = readTabularBatches(file, {
        delimiter: profile.delimiter,
        encoding: profile.encoding,
        skipRows: profile.skipRows,
        ...(profile.sheet === undefined ? {} : { sheet: profile.sheet }),
      });
      return request.maxLines === undefined ? fileRows : limitLines(fileRows, request.maxLines, file);
    };
    const onProgress = request.onProgress ?? (() => {});
    const bulk: BulkLoadResult =
      request.bulk === false
        ? { fallback: 'the staged path was asked for' }
        : await tryBulkLoad(tx, { batches: readRows(), validator, file, distributorId, importId, state, onProgress });
    if ('fallback' in bulk) {
      // Lines already stored, repeats or many unreadable rows: the file goes through the stage.
      if (request.bulk !== false) request.onFallback?.(bulk.fallback);
      await tx.copyFrom(STAGE_COPY_SQL, stageChunks(readRows(), validator, file, state, onProgress));
    }
    request.onStaged?.();
    await tx.query('select pg_advisory_xact_lock($1)', [SELL_OUT_MERGE_LOCK]);
    await tx.query(
      `insert into sellout_imports (import_id, kind, distributor_id, profile_name, file_name, file_sha256,
                                    source_columns, lines_read, started_at)
       overriding system value
       values ($8, 'file', $1, $2, $3, $4, $5, $6, $7)`,
      [
        distributorId,
        profile.name,
        request.fileName ?? basename(file),
        sha256,
        state.columns,
        state.lines,
        startedAt,
        importId,
      ],
    );
    const merged = await mergeStage(tx, importId, distributorId, mergeColumns(validator), 'superseded');
    const counts = { ...merged, imported: merged.imported + ('imported' in bulk ? bulk.imported : 0) };
    await tx.query(
      `update sellout_imports
       set imported = $2, duplicates = $3, corrections = $4, quarantined = $5, errors = $6, finished_at = now()
       where import_id = $1`,
      [importId, counts.imported, counts.duplicates, counts.corrections, counts.quarantined, counts.errors],
    );
    return {
      importId,
      file,
      distributorId,
      profileName: profile.name,
      linesRead: state.lines,
      loadPath: 'imported' in bulk ? 'bulk' : 'staged',
      ...counts,
    };
  });
}

export function mergeColumns(validator: SellOutRowValidator): MergeColumns {
  return {
    lineId: validator.column('line_id'),
    invoiceDate: validator.column('invoice_date'),
    resellerId: validator.column('reseller_id'),
    repId: validator.column('rep_id'),
    sku: validator.column('sku'),
    quantity: validator.column('quantity'),
    netAmount: validator.column('net_amount'),
    currency: validator.column('currency'),
  };
}

/** The canonical layout's columns, for merges that do not come from a file. */
export function canonicalMergeColumns(): MergeColumns {
  return mergeColumns(new SellOutRowValidator(CANONICAL_PROFILE as MappingProfile, ''));
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FileFormatError('file_not_found', 'no such file', { file });
    }
    throw error;
  }
  return hash.digest('hex');
}
