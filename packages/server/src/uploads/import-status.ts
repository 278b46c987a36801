import { sql } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import { partnerVisible } from '../auth/scope.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { notFound } from '../http/errors.ts';
import { type ListRequest, listPage, type Page, whereEquals } from '../http/list.ts';
import { distributorVisible } from './access.ts';
import type { ImportStatus } from './schemas.ts';
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

function fromTracked(upload: TrackedUpload): ImportStatus {
  return {
    import_id: upload.importId,
    kind: 'file',
    status: upload.phase === 'failed' ? 'failed' : 'running',
    phase: upload.phase === 'failed' ? null : upload.phase,
    fraction: upload.phase === 'failed' ? null : upload.fraction,
    distributor_id: upload.distributorId,
    file_name: upload.fileName,
    profile_name: upload.profileName,
    lines_read: upload.linesRead,
    imported: null,
    duplicates: null,
    corrections: null,
    quarantined: null,
    errors: null,
    started_at: upload.startedAt.toISOString(),
    finished_at: null,
    error: upload.error,
  };
}

/** One import as the caller may see it: running or failed from this process, finished from the database; else 404. */
export async function loadImportStatus(
  db: SpurDb,
  tracker: UploadTracker,
  principal: Principal,
  importId: string,
): Promise<ImportStatus> {
  const tracked = tracker.get(importId);
  if (tracked) {
    if (await distributorVisible(db, principal, tracked.distributorId)) return fromTracked(tracked);
    throw notFound('sell-out import');
  }
  const { rows } = await sql<ImportRow>`select * from (${visibleImports(principal)}) as r
    where r.import_id = ${importId}`.execute(db.kysely);
  const row = rows[0];
  if (!row) throw notFound('sell-out import');
  return fromRow(row);
}

/** Upload history, newest first unless sorted otherwise. */
export async function listImportStatuses(
  db: SpurDb,
  principal: Principal,
  request: ListRequest & { distributor_id?: string | undefined; kind?: string | undefined },
): Promise<Page<ImportStatus>> {
  const page = await listPage<ImportRow>(db.kysely, visibleImports(principal), 'import_id', request, [
    whereEquals('distributor_id', request.distributor_id),
    whereEquals('kind', request.kind),
  ]);
  return { items: page.items.map(fromRow), next_cursor: page.next_cursor };
}
