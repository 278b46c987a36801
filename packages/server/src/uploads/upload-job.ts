import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { recordAudit } from '../auth/audit.ts';
import { CACHE_NEUTRAL, type Queryable, type SpurDb } from '../db/connection-types.ts';
import { FileFormatError } from '../files/tabular-reader.ts';
import { importSellOutFile } from '../sellout/import-service.ts';
import { SellOutError } from '../sellout/sellout-errors.ts';
import type { StageProgress } from '../sellout/stage.ts';
import { findUpload, type StoredUpload, writeUploadFile } from './upload-store.ts';
import type { UploadTracker } from './upload-tracker.ts';

/**
 * Attempts an upload gets when the server, not the file, fails (a crash, a lost connection). The
 * job queue retries more often than this, so the attempt after the last one marks the upload failed
 * instead of leaving it "running" for ever.
 */
export const MAX_UPLOAD_ATTEMPTS = 3;

/** How often a worker writes the progress of a running upload for other processes to read. */
const PROGRESS_WRITE_MS = 1000;

export interface UploadJobContext {
  /** This process's running uploads: progress for event streams answered by the same process. */
  tracker: UploadTracker;
  log: (message: string, error?: unknown) => void;
}

export type UploadJobOutcome = 'finished' | 'failed' | 'gone';

/**
 * Imports one stored upload (the job of the `spur-sellout-upload` queue). The import is one
 * transaction, so an attempt killed at any moment leaves nothing and the next attempt starts over.
 * A file the importer refuses fails the upload for good (its reason is kept for the uploader);
 * any other error is thrown, so the queue retries the job.
 */
export async function runUploadJob(db: SpurDb, importId: string, context: UploadJobContext): Promise<UploadJobOutcome> {
  const upload = await findUpload(db, importId);
  if (!upload || upload.state === 'failed') return 'gone';
  if (await importCommitted(db, importId)) {
    // An earlier attempt committed the import and stopped before it cleaned up.
    await finishUpload(db, upload);
    return 'finished';
  }
  const attempts = await startAttempt(db, importId);
  if (attempts > MAX_UPLOAD_ATTEMPTS) {
    await failUpload(db, context.tracker, importId, {
      code: 'internal_error',
      message: `the import failed ${MAX_UPLOAD_ATTEMPTS} times on the server; it was logged`,
    });
    return 'failed';
  }
  const { tracker } = context;
  tracker.start({
    importId,
    distributorId: upload.distributorId,
    fileName: upload.fileName,
    profileName: upload.profileName ?? 'canonical',
    uploadedBy: upload.uploadedBy,
    startedAt: upload.startedAt,
  });
  const folder = await mkdtemp(join(tmpdir(), 'spur-upload-'));
  // The reader tells CSV from XLSX by the extension.
  const path = join(folder, `report${extname(upload.fileName).toLowerCase()}`);
  const progress = progressWriter(db, upload);
  try {
    await writeUploadFile(db, importId, path);
    await importSellOutFile(db, {
      file: path,
      fileName: upload.fileName,
      distributorId: upload.distributorId,
      ...(upload.profileName === null ? {} : { profileName: upload.profileName }),
      importId,
      maxLines: upload.maxLines,
      onProgress: (step) => {
        tracker.update(importId, { linesRead: step.lines, fraction: step.fraction ?? null });
        progress.report(step);
      },
      onStaged: () => tracker.update(importId, { phase: 'merging' }),
    });
    progress.stop();
    await finishUpload(db, upload);
    tracker.finish(importId);
    return 'finished';
  } catch (error) {
    progress.stop();
    if (error instanceof FileFormatError || error instanceof SellOutError) {
      // The reader names the temp file; the user knows the file by the name it uploaded.
      const message = error.message.split(path).join(upload.fileName);
      await failUpload(db, tracker, importId, { code: error.code, message });
      return 'failed';
    }
    context.log(`sell-out upload ${importId} failed (attempt ${attempts} of ${MAX_UPLOAD_ATTEMPTS})`, error);
    // First forget the attempt here (else this process would answer "running" for ever), then tell
    // the others it waits again; the database may be what failed, and the job retries either way.
    tracker.finish(importId);
    await db
      .query(`${CACHE_NEUTRAL} update sellout_uploads set state = 'queued' where import_id = $1`, [importId])
      .catch(() => {});
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

async function importCommitted(db: Queryable, importId: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from sellout_imports where import_id = $1', [importId]);
  return rows.length > 0;
}

async function startAttempt(db: Queryable, importId: string): Promise<number> {
  const { rows } = await db.query<{ attempts: number }>(
    `${CACHE_NEUTRAL} update sellout_uploads set state = 'running', attempts = attempts + 1, lines_read = 0, bytes_read = 0
     where import_id = $1 returning attempts`,
    [importId],
  );
  return rows[0]!.attempts;
}

/** Records the upload in the audit log and forgets it: from now on `sellout_imports` answers for it. */
async function finishUpload(db: SpurDb, upload: StoredUpload): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{
      profile_name: string;
      lines_read: string;
      imported: string;
      quarantined: string;
      errors: string;
    }>('select profile_name, lines_read, imported, quarantined, errors from sellout_imports where import_id = $1', [
      upload.importId,
    ]);
    const report = rows[0]!;
    await recordAudit(tx, {
      actor: upload.uploadedBy,
      action: 'sellout_uploaded',
      entity: 'sellout_import',
      entityId: upload.importId,
      after: {
        distributor_id: upload.distributorId,
        file_name: upload.fileName,
        profile_name: report.profile_name,
        lines_read: Number(report.lines_read),
        imported: Number(report.imported),
        quarantined: Number(report.quarantined),
        errors: Number(report.errors),
      },
    });
    await tx.query(`${CACHE_NEUTRAL} delete from sellout_uploads where import_id = $1`, [upload.importId]);
  });
}

/** Fails the upload for good: its reason stays for the uploader, its file is dropped. */
async function failUpload(
  db: SpurDb,
  tracker: UploadTracker,
  importId: string,
  error: { code: string; message: string },
): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await tx.query(
        `${CACHE_NEUTRAL} update sellout_uploads set state = 'failed', error_code = $2, error_message = $3 where import_id = $1`,
        [importId, error.code, error.message],
      );
      await tx.query(`${CACHE_NEUTRAL} delete from sellout_upload_chunks where import_id = $1`, [importId]);
    });
  } finally {
    tracker.finish(importId);
  }
}

/**
 * Writes the progress of a running upload to its row about once a second, so an API process
 * other than this worker can answer for it. Not on PGlite: there the import's transaction holds
 * the only connection, and every process that could ask is this one, which has the tracker.
 */
function progressWriter(db: SpurDb, upload: StoredUpload): { report(step: StageProgress): void; stop(): void } {
  if (db.driver === 'pglite') return { report() {}, stop() {} };
  let last = 0;
  let writing = false;
  let stopped = false;
  return {
    report(step) {
      const now = Date.now();
      if (stopped || writing || now - last < PROGRESS_WRITE_MS) return;
      last = now;
      writing = true;
      const bytesRead = step.fraction == null ? 0 : Math.floor(step.fraction * upload.bytesTotal);
      db.query(
        `${CACHE_NEUTRAL} update sellout_uploads set lines_read = $2, bytes_read = $3 where import_id = $1 and state = 'running'`,
        [upload.importId, step.lines, Math.min(bytesRead, upload.bytesTotal)],
      )
        .catch(() => {})
        .finally(() => {
          writing = false;
        });
    },
    stop() {
      stopped = true;
    },
  };
}
