import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { CACHE_NEUTRAL, type Queryable } from '../db/connection-types.ts';

/**
 * An uploaded report is stored in the database in pieces of this size: one bytea value is read
 * and written whole, so this bounds the memory an upload or a worker needs per piece.
 */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/**
 * An accepted upload as the job queue keeps it (migration 0013). Writes to these tables are
 * CACHE_NEUTRAL: no cached API answer holds an upload (its status is always read afresh), so storing
 * one or its progress once a second must not drop every session and partner page of the process.
 */
export interface StoredUpload {
  importId: string;
  distributorId: string;
  /** Null: the canonical layout. */
  profileName: string | null;
  fileName: string;
  uploadedBy: string;
  state: 'queued' | 'running' | 'failed';
  linesRead: number;
  bytesTotal: number;
  bytesRead: number;
  attempts: number;
  maxLines: number;
  error: { code: string; message: string } | null;
  startedAt: Date;
}

/** What the status of an upload not finished yet is made of (also read by the upload history). */
export type UploadProgress = Pick<
  StoredUpload,
  | 'importId'
  | 'distributorId'
  | 'profileName'
  | 'fileName'
  | 'state'
  | 'linesRead'
  | 'bytesTotal'
  | 'bytesRead'
  | 'error'
  | 'startedAt'
>;

interface UploadRow {
  import_id: string;
  distributor_id: string;
  profile_name: string | null;
  file_name: string;
  uploaded_by: string;
  state: StoredUpload['state'];
  lines_read: string;
  bytes_total: string;
  bytes_read: string;
  attempts: number;
  max_lines: string;
  error_code: string | null;
  error_message: string | null;
  started_at: Date | string;
}

export interface NewUpload {
  importId: string;
  distributorId: string;
  profileName: string | undefined;
  fileName: string;
  uploadedBy: string;
  maxLines: number;
  /** The received file on local disk. */
  path: string;
}

/**
 * Writes the upload and its file (inside the caller's transaction, so both or neither are kept).
 * Pieces travel as base64 text, decoded by PostgreSQL: PGlite took about 200 ms per MiB for a
 * bytea parameter and 35 ms for the same bytes in base64 (measured on 13.6 MiB, store and read back).
 */
export async function storeUpload(tx: Queryable, upload: NewUpload): Promise<void> {
  const { size } = await stat(upload.path);
  await tx.query(
    `${CACHE_NEUTRAL} insert into sellout_uploads (import_id, distributor_id, profile_name, file_name, uploaded_by, bytes_total, max_lines)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      upload.importId,
      upload.distributorId,
      upload.profileName ?? null,
      upload.fileName,
      upload.uploadedBy,
      size,
      upload.maxLines,
    ],
  );
  let seq = 0;
  for await (const piece of createReadStream(upload.path, { highWaterMark: UPLOAD_CHUNK_BYTES })) {
    await tx.query(
      `${CACHE_NEUTRAL} insert into sellout_upload_chunks (import_id, seq, data) values ($1, $2, decode($3, 'base64'))`,
      [upload.importId, seq++, (piece as Buffer).toString('base64')],
    );
  }
}

/** Writes the stored file of an upload to `path`, one piece at a time. */
export async function writeUploadFile(db: Queryable, importId: string, path: string): Promise<void> {
  const { rows } = await db.query<{ seq: number }>(
    'select seq from sellout_upload_chunks where import_id = $1 order by seq',
    [importId],
  );
  const out = createWriteStream(path);
  try {
    for (const { seq } of rows) {
      const piece = await db.query<{ data: string }>(
        "select encode(data, 'base64') as data from sellout_upload_chunks where import_id = $1 and seq = $2",
        [importId, seq],
      );
      if (!out.write(Buffer.from(piece.rows[0]!.data, 'base64'))) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

export async function findUpload(db: Queryable, importId: string): Promise<StoredUpload | undefined> {
  const { rows } = await db.query<UploadRow>('select * from sellout_uploads where import_id = $1', [importId]);
  return rows[0] && fromRow(rows[0]);
}

/** The columns of `sellout_uploads` an upload's progress is read from. */
export type UploadProgressRow = Omit<UploadRow, 'uploaded_by' | 'attempts' | 'max_lines'>;

export function uploadProgressFromRow(row: UploadProgressRow): UploadProgress {
  return {
    importId: String(row.import_id),
    distributorId: row.distributor_id,
    profileName: row.profile_name,
    fileName: row.file_name,
    state: row.state,
    linesRead: Number(row.lines_read),
    bytesTotal: Number(row.bytes_total),
    bytesRead: Number(row.bytes_read),
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    startedAt: new Date(row.started_at),
  };
}

function fromRow(row: UploadRow): StoredUpload {
  return {
    ...uploadProgressFromRow(row),
    uploadedBy: row.uploaded_by,
    attempts: row.attempts,
    maxLines: Number(row.max_lines),
  };
}
