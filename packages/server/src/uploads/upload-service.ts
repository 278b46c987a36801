import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../auth/audit.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { FileFormatError, tabularFormatOf } from '../files/tabular-reader.ts';
import { checkZipArchive } from '../files/zip-guard.ts';
import { ApiError } from '../http/errors.ts';
import { importSellOutFile, reserveImportId } from '../sellout/import-service.ts';
import { assertDistributor, findProfile } from '../sellout/profile-repository.ts';
import { SellOutError } from '../sellout/sellout-errors.ts';
import type { UploadLimits } from './limits.ts';
import type { UploadTracker } from './upload-tracker.ts';

/** An uploaded report on disk, in a folder of its own that is removed after the import. */
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
 * Checks what can be checked at once (distributor, profile), reserves the import id and runs the
 * import in the background of this process; the id answers polls and event streams.
 */
export async function startImport(
  db: SpurDb,
  tracker: UploadTracker,
  log: FastifyBaseLogger,
  request: StartImport,
): Promise<string> {
  const { received, distributorId, profileName } = request;
  try {
    await assertDistributor(db, distributorId);
    if (profileName !== undefined) await findProfile(db, distributorId, profileName);
  } catch (error) {
    await rm(received.folder, { recursive: true, force: true });
    throw asClientError(error);
  }
  const importId = await reserveImportId(db);
  tracker.start({
    importId,
    distributorId,
    fileName: received.fileName,
    profileName: profileName ?? 'canonical',
    uploadedBy: request.userId,
    startedAt: new Date(),
  });
  void runImport(db, tracker, log, importId, request);
  return importId;
}

async function runImport(
  db: SpurDb,
  tracker: UploadTracker,
  log: FastifyBaseLogger,
  importId: string,
  request: StartImport,
): Promise<void> {
  const { received } = request;
  try {
    const report = await importSellOutFile(db, {
      file: received.path,
      fileName: received.fileName,
      distributorId: request.distributorId,
      ...(request.profileName === undefined ? {} : { profileName: request.profileName }),
      importId,
      maxLines: request.limits.maxLines,
      onProgress: ({ lines, fraction }) => tracker.update(importId, { linesRead: lines, fraction: fraction ?? null }),
      onStaged: () => tracker.update(importId, { phase: 'merging' }),
    });
    await recordAudit(db, {
      actor: request.userId,
      action: 'sellout_uploaded',
      entity: 'sellout_import',
      entityId: importId,
      after: {
        distributor_id: report.distributorId,
        file_name: received.fileName,
        profile_name: report.profileName,
        lines_read: report.linesRead,
        imported: report.imported,
        quarantined: report.quarantined,
        errors: report.errors,
      },
    });
    tracker.finish(importId);
  } catch (error) {
    if (error instanceof FileFormatError || error instanceof SellOutError) {
      // The reader names the temp file; the user knows the file by the name it uploaded.
      tracker.fail(importId, { code: error.code, message: error.message.split(received.path).join(received.fileName) });
    } else {
      log.error({ err: error, importId }, 'sell-out upload failed');
      tracker.fail(importId, { code: 'internal_error', message: 'the import failed on the server; it was logged' });
    }
  } finally {
    await rm(received.folder, { recursive: true, force: true });
  }
}
