import multipart from '@fastify/multipart';
import type { SpurDb } from '../db/connection-types.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { registerImportRoutes } from './import-routes.ts';
import { type UploadLimits, uploadLimitsFromEnv } from './limits.ts';
import { registerProfileRoutes } from './profile-routes.ts';
import { registerQuarantineRoutes } from './quarantine-routes.ts';
import type { UploadJobs } from './upload-queue.ts';
import type { UploadTracker } from './upload-tracker.ts';

export interface UploadsContext {
  api: SpurApi;
  db: SpurDb;
  tracker: UploadTracker;
  jobs: UploadJobs;
  limits: UploadLimits;
}

/**
 * Sell-out uploads over HTTP: multipart uploads stored and imported by the job queue's workers,
 * progress by polling and server-sent events, error CSV, mapping profiles and quarantine.
 */
export function registerUploadRoutes(api: SpurApi, context: ApiContext, limits = uploadLimitsFromEnv()): void {
  // Multipart parsing only in this scope: everywhere else the API accepts JSON alone.
  api.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: limits.maxBytes, files: 1, fields: 10 } });
    const uploads: UploadsContext = { api: scope as SpurApi, db: context.db, ...context.uploads, limits };
    registerImportRoutes(uploads);
    registerProfileRoutes(uploads);
    registerQuarantineRoutes(uploads);
  });
}
