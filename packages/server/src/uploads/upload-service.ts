import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { SpurDb } from '../db/connection-types.ts';
import { FileFormatError, tabularFormatOf } from '../files/tabular-reader.ts';
import { checkZipArchive } from '../files/zip-guard.ts';
import { ApiError } from '../http/errors.ts';
import { reserveImportId } from '../sellout/import-service.ts';
import { assertDistributor, findProfile } from '../sellout/profile-repository.ts';
import { SellOutError } from '../sellout/sellout-errors.ts';
import type { UploadLimits } from './limits.ts';
import type { UploadJobs } from './upload-queue.ts';
import { storeUpload } from './upload-store.ts';

/** An uploaded report on disk, in a folder of its own that is removed once it is stored in the database. */
export interface ReceivedFile {
  path: string;
  fileName: string;
  folder: string;
}

/**
 * Streams the uploaded file to a temporary file (never into memory) and refuses it, before any
 * import starts, when its type is not a report format, it is too large, or it is an XLSX that
 * would unpack to too much.
 */
export async function receiveUpload(file: MultipartFile, limits: UploadLimits): Promise<ReceivedFile> {
  const fileName = file.filename || 'report.csv';
  const extension = extname(fileName).toLowerCase();
  try {
    tabularFormatOf(fileName);
  } catch (error) {
    file.file.resume();
    throw asClientError(error);
  }
  const folder = await mkdtemp(join(tmpdir(), 'spur-upload-'));
  const path = join(folder, `report${extension}`);
  try {
    await pipeline(file.file, createWriteStream(path));
    if (file.file.truncated) throw tooLarge(limits);
    if (extension === '.xlsx') await checkZipArchive(path);
    return { path, fileName, folder };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limits);
    throw asClientError(error);
  }
}

function tooLarge(limits: UploadLimits): ApiError {
  return new ApiError(413, 'upload_too_large', `the file is larger than ${limits.maxBytes} bytes; split the report`, {
    max_bytes: limits.maxBytes,
  });
}

/** Refusals of a file as a whole answer 400 with the reader's or importer's own code. */
export function asClientError(error: unknown): unknown {
  if (error instanceof FileFormatError || error instanceof SellOutError) {
    return new ApiError(400, error.code, error.message);
  }
  return error;
}

export interface StartImport {
  received: ReceivedFile;
  distributorId: string;
  profileName: string | undefined;
  userId: string;
  limits: UploadLimits;
}

/**
 * Checks what can be checked at once (distributor, profile), then stores the upload with its file
 * and queues its import in one transaction; the import id answers polls and event streams. The
 * local copy of the file is removed either way.
 */
export async function startImport(db: SpurDb, jobs: UploadJobs, request: StartImport): Promise<string> {
  const { received, distributorId, profileName } = request;
  try {
    try {
      await assertDistributor(db, distributorId);
      if (profileName !== undefined) await findProfile(db, distributorId, profileName);
    } catch (error) {
      throw asClientError(error);
    }
    await jobs.ready();
    const importId = await reserveImportId(db);
    await db.transaction(async (tx) => {
      await storeUpload(tx, {
        importId,
        distributorId,
        profileName,
        fileName: received.fileName,
        uploadedBy: request.userId,
        maxLines: request.limits.maxLines,
        path: received.path,
      });
      await jobs.enqueue(tx, importId);
    });
    jobs.committed();
    return importId;
  } finally {
    await rm(received.folder, { recursive: true, force: true });
  }
}
