import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../http/authenticate.ts';
import { ApiError } from '../http/errors.ts';
import { pageSchema } from '../http/list.ts';
import { writeErrorCsv } from '../sellout/import-reports.ts';
import { distributorForWrite, readAccess, writeAccess } from './access.ts';
import { errorFileCell } from './error-cells.ts';
import { listImportStatuses, loadImportStatus, trackedImportStatus } from './import-status.ts';
import type { UploadLimits } from './limits.ts';
import type { UploadsContext } from './routes.ts';
import { ImportListQuery, ImportParams, ImportStatusSchema, UploadAcceptedSchema, UploadQuery } from './schemas.ts';
import { receiveUpload, startImport } from './upload-service.ts';

/** Event streams send a comment this often so proxies keep an idle connection open. */
const HEARTBEAT_MS = 15_000;
/**
 * An event stream of an upload that another process imports (or that waits for a worker) reads
 * its row this often; one this process imports is followed live through the tracker.
 */
const POLL_MS = 1000;

export function registerImportRoutes({ api, db, tracker, jobs, limits }: UploadsContext): void {
  api.post(
    '/sellout/imports',
    {
      config: { access: writeAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Upload a sell-out report (multipart field "file": .csv, .txt, .tsv or .xlsx); answers at once',
        description: `The file is stored in the database with a job for the queue, and a worker process imports it (status "running", phase "queued" until one takes it). Follow it with GET .../imports/{import_id} or its event stream. Limits: ${limits.maxBytes} bytes (413 upload_too_large), ${limits.maxLines} data rows (the import fails with too_many_lines); XLSX files that would unpack to too much are refused before unpacking (400 zip_bomb).`,
        consumes: ['multipart/form-data'],
        querystring: UploadQuery,
        response: { 202: UploadAcceptedSchema },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const distributorId = distributorForWrite(principal, request.query.distributor_id, 'querystring.distributor_id');
      const file = await nextFile(request, limits);
      const received = await receiveUpload(file, limits);
      const importId = await startImport(db, jobs, {
        received,
        distributorId,
        profileName: request.query.profile,
        userId: principal.userId,
        limits,
      });
      const statusUrl = `/api/v1/sellout/imports/${importId}`;
      return reply
        .code(202)
        .header('location', statusUrl)
        .send({ import_id: importId, status_url: statusUrl, events_url: `${statusUrl}/events` });
    },
  );

  api.get(
    '/sellout/imports',
    {
      config: { access: readAccess },
      schema: {
        tags: ['sell-out'],
        summary:
          'Upload history of the distributors the caller may see: finished imports, and uploads queued, running or refused',
        querystring: ImportListQuery,
        response: { 200: pageSchema(ImportStatusSchema) },
      },
    },
    async (request) => listImportStatuses(db, principalOf(request), request.query),
  );

  api.get(
    '/sellout/imports/:import_id',
    {
      config: { access: readAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Progress of a running import, or the report of a finished or failed one (poll this)',
        params: ImportParams,
        response: { 200: ImportStatusSchema },
      },
    },
    async (request) => loadImportStatus(db, tracker, principalOf(request), request.params.import_id),
  );

  api.get(
    '/sellout/imports/:import_id/events',
    {
      config: { access: readAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Server-sent events: "status" events with the import as in GET .../imports/{import_id} until it ends',
        produces: ['text/event-stream'],
        params: ImportParams,
      },
    },
    async (request, reply) => streamStatus(request, reply, request.params.import_id),
  );

  api.get(
    '/sellout/imports/:import_id/errors.csv',
    {
      config: { access: readAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'The rows that could not be read, as CSV in the layout of the import to fix and upload again',
        description:
          'Columns error_line, error, then the row as sent. Text cells starting with =, +, - or @ get a leading apostrophe (formula injection); plain numbers such as -2 stay numbers.',
        produces: ['text/csv'],
        params: ImportParams,
      },
    },
    async (request, reply) => {
      const importId = request.params.import_id;
      const status = await loadImportStatus(db, tracker, principalOf(request), importId);
      if (status.status !== 'finished') {
        throw new ApiError(409, 'import_not_finished', `sell-out import ${importId} is ${status.status}`);
      }
      const { rows } = await db.query<{ encoding: string | null }>(
        `select p.encoding from sellout_imports i
         left join sellout_mapping_profiles p on p.distributor_id = i.distributor_id and p.name = i.profile_name
         where i.import_id = $1`,
        [importId],
      );
      const out = new PassThrough();
      writeErrorCsv(db, importId, out, errorFileCell).catch((error: unknown) => {
        request.log.error({ err: error, importId }, 'error CSV failed');
        out.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return reply
        .header('content-type', `text/csv; charset=${rows[0]?.encoding ?? 'utf-8'}`)
        .header('content-disposition', `attachment; filename="sellout-import-${importId}-errors.csv"`)
        .send(out);
    },
  );

  async function streamStatus(request: FastifyRequest, reply: FastifyReply, importId: string): Promise<void> {
    const principal = principalOf(request);
    const load = () => loadImportStatus(db, tracker, principal, importId);
    const first = await load();
    reply.hijack();
    const raw = reply.raw;
    // Hijacked answers skip the app's hooks: keep its headers (a rotated session cookie) and add the API's own.
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string | string[]>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    // A client that went away ends the answer; writing after that would raise an unhandled stream error.
    const write = (text: string) => {
      if (!raw.writableEnded && !raw.destroyed) raw.write(text);
    };
    const send = (status: unknown) => write(`event: status\ndata: ${JSON.stringify(status)}\n\n`);
    send(first);
    if (first.status !== 'running') {
      raw.end();
      return;
    }
    let open = true;
    let last = JSON.stringify(first);
    const close = () => {
      if (!open) return;
      open = false;
      stopWatching();
      clearInterval(heartbeat);
      clearInterval(poll);
      raw.end();
    };
    // Sends the import as it is now, if it changed; ends the stream once it is no longer running.
    // Who may see it was checked by the first answer: a running import in this process is read
    // from the tracker alone (on PGlite its transaction holds the only database connection).
    let loading = false;
    let again = false;
    const refresh = async () => {
      if (!open) return;
      if (loading) {
        again = true;
        return;
      }
      loading = true;
      try {
        do {
          again = false;
          const tracked = tracker.get(importId);
          const status = tracked ? trackedImportStatus(tracked) : await load();
          const text = JSON.stringify(status);
          if (open && text !== last) {
            last = text;
            send(status);
          }
          if (status.status !== 'running') close();
        } while (again && open);
      } catch {
        close();
      } finally {
        loading = false;
      }
    };
    const stopWatching = tracker.watch(importId, () => void refresh());
    // An import another process runs (or one waiting for a worker) is read from its row.
    const poll = setInterval(() => {
      if (!tracker.get(importId)) void refresh();
    }, POLL_MS);
    const heartbeat = setInterval(() => write(': still importing\n\n'), HEARTBEAT_MS);
    request.raw.on('close', close);
  }
}

async function nextFile(request: FastifyRequest, limits: UploadLimits) {
  if (!request.isMultipart()) {
    throw new ApiError(415, 'unsupported_media_type', 'send the report as multipart/form-data with a field "file"');
  }
  const file = await request.file({ limits: { fileSize: limits.maxBytes, files: 1, fields: 10 } });
  if (!file) throw new ApiError(400, 'file_missing', 'the form has no file: send the report in the field "file"');
  return file;
}
