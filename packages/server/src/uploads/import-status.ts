import { sql } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import { partnerVisible } from '../auth/scope.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { notFound } from '../http/errors.ts';
import { type ListRequest, listPage, type Page, whereEquals } from '../http/list.ts';
import { distributorVisible } from './access.ts';
import type { ImportStatus } from './schemas.ts';
import { findUpload, type UploadProgress, type UploadProgressRow, uploadProgressFromRow } from './upload-store.ts';
import type { TrackedUpload, UploadTracker } from './upload-tracker.ts';

interface ImportRow {
  import_id: string;
  kind: 'file' | 'quarantine_release';
  distributor_id: string;
  profile_name: string | null;
  file_name: string | null;
  lines_read: string;
  imported: string;
  duplicates: string;
  corrections: string;
  quarantined: string;
  errors: string;
  started_at: Date;
  finished_at: Date;
}

/** The imports the caller may see: its own distributor's, or all for vendor staff. */
function visibleImports(principal: Principal) {
  return sql`select i.import_id, i.kind, i.distributor_id, i.profile_name, i.file_name, i.lines_read, i.imported,
                    i.duplicates, i.corrections, i.quarantined, i.errors, i.started_at, i.finished_at
             from sellout_imports i where ${partnerVisible(principal, sql.ref('i.distributor_id'))}`;
}

function fromRow(row: ImportRow): ImportStatus {
  return {
    import_id: String(row.import_id),
    kind: row.kind,
    status: 'finished',
    phase: null,
    fraction: null,
    distributor_id: row.distributor_id,
    file_name: row.file_name,
    profile_name: row.profile_name,
    lines_read: Number(row.lines_read),
    imported: Number(row.imported),
    duplicates: Number(row.duplicates),
    corrections: Number(row.corrections),
    quarantined: Number(row.quarantined),
    errors: Number(row.errors),
    started_at: new Date(row.started_at).toISOString(),
    finished_at: new Date(row.finished_at).toISOString(),
    error: null,
  };
}

/** A running import of this process, as its live progress says. */
export function trackedImportStatus(upload: TrackedUpload): ImportStatus {
  return {
    ...runningStatus(upload.importId, upload.distributorId, upload.fileName, upload.profileName, upload.startedAt),
    phase: upload.phase,
    fraction: upload.fraction,
    lines_read: upload.linesRead,
  };
}

/** An upload another process is importing, one waiting for a worker, or one whose file was refused. */
function fromStored(upload: UploadProgress): ImportStatus {
  const status = runningStatus(
    upload.importId,
    upload.distributorId,
    upload.fileName,
    upload.profileName ?? 'canonical',
    upload.startedAt,
  );
  if (upload.state === 'failed')
    return { ...status, status: 'failed', phase: null, fraction: null, error: upload.error };
  const running = upload.state === 'running';
  return {
    ...status,
    phase: running ? 'reading' : 'queued',
    fraction: running && upload.bytesTotal > 0 ? Math.min(1, upload.bytesRead / upload.bytesTotal) : 0,
    lines_read: running ? upload.linesRead : 0,
  };
}

function runningStatus(
  importId: string,
  distributorId: string,
  fileName: string,
  profileName: string,
  startedAt: Date,
): ImportStatus {
  return {
    import_id: importId,
    kind: 'file',
    status: 'running',
    phase: 'queued',
    fraction: 0,
    distributor_id: distributorId,
    file_name: fileName,
    profile_name: profileName,
    lines_read: 0,
    imported: null,
    duplicates: null,
    corrections: null,
    quarantined: null,
    errors: null,
    started_at: startedAt.toISOString(),
    finished_at: null,
    error: null,
  };
}

/**
 * One import as the caller may see it, else 404: running in this process (live progress), queued,
 * running elsewhere or refused (`sellout_uploads`), or finished (`sellout_imports`). The upload is
 * looked up before the finished import: its row goes only after the import committed, so one of
 * the two always answers.
 */
export async function loadImportStatus(
  db: SpurDb,
  tracker: UploadTracker,
  principal: Principal,
  importId: string,
): Promise<ImportStatus> {
  const tracked = tracker.get(importId);
  if (tracked) {
    if (await distributorVisible(db, principal, tracked.distributorId)) return trackedImportStatus(tracked);
    throw notFound('sell-out import');
  }
  const stored = await findUpload(db, importId);
  if (stored) {
    if (await distributorVisible(db, principal, stored.distributorId)) return fromStored(stored);
    throw notFound('sell-out import');
  }
  const { rows } = await sql<ImportRow>`select * from (${visibleImports(principal)}) as r
    where r.import_id = ${importId}`.execute(db.kysely);
  const row = rows[0];
  if (!row) throw notFound('sell-out import');
  return fromRow(row);
}

/** A history row: a finished import, or an upload not finished yet (queued, running, refused). */
type HistoryRow = (ImportRow & { state: 'finished' }) | UploadProgressRow;

/** Finished imports and the uploads still on their way, the caller may see, in one list. */
function visibleHistory(principal: Principal) {
  return sql`select i.import_id, i.kind, i.distributor_id, i.profile_name, i.file_name, i.lines_read, i.imported,
                    i.duplicates, i.corrections, i.quarantined, i.errors, i.started_at, i.finished_at,
                    'finished' as state, null::bigint as bytes_total, null::bigint as bytes_read,
                    null::text as error_code, null::text as error_message
             from sellout_imports i where ${partnerVisible(principal, sql.ref('i.distributor_id'))}
             union all
             select u.import_id, 'file', u.distributor_id, u.profile_name, u.file_name,
                    u.lines_read, null, null, null, null, null, u.started_at, null,
                    u.state, u.bytes_total, u.bytes_read, u.error_code, u.error_message
             from sellout_uploads u where ${partnerVisible(principal, sql.ref('u.distributor_id'))}`;
}

function fromHistoryRow(row: HistoryRow): ImportStatus {
  return row.state === 'finished' ? fromRow(row) : fromStored(uploadProgressFromRow(row));
}

/**
 * Upload history, newest first unless sorted otherwise: finished imports, and uploads waiting for
 * a worker, running (progress as last stored) or refused (with the reason).
 */
export async function listImportStatuses(
  db: SpurDb,
  principal: Principal,
  request: ListRequest & { distributor_id?: string | undefined; kind?: string | undefined },
): Promise<Page<ImportStatus>> {
  const page = await listPage<HistoryRow>(db.kysely, visibleHistory(principal), 'import_id', request, [
    whereEquals('distributor_id', request.distributor_id),
    whereEquals('kind', request.kind),
  ]);
  return { items: page.items.map(fromHistoryRow), next_cursor: page.next_cursor };
}
