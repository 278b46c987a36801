import type PgBoss from 'pg-boss';
import type { SpurDb } from '../db/connection-types.ts';
import type { UploadJobContext } from '../uploads/upload-job.ts';
import { type UploadJobs, uploadJobsOn } from '../uploads/upload-queue.ts';
import { UploadTracker } from '../uploads/upload-tracker.ts';
import { QUEUES, startBoss } from './boss.ts';
import { handleJob, registerSchedules } from './calc-jobs.ts';
import type { JobSettings } from './job-settings.ts';

export interface WorkerOptions {
  /** Calculation jobs this process runs at once. */
  concurrency: number;
  log: (message: string) => void;
  /** How often each queue is polled when idle (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
}

export interface RunningWorker {
  boss: PgBoss;
  /**
   * For an API in this process (`buildApp({ uploads })`): its uploads wake this worker at once
   * instead of waiting for the next poll, and their event streams follow the import live.
   */
  uploads: { jobs: UploadJobs; tracker: UploadTracker };
  stop(): Promise<void>;
}

/**
 * Starts processing every queue (uploads, scheduled provisional runs, runs after imports, final
 * runs) in this process. `spur worker` runs only this; `spur start` runs it beside the HTTP server.
 */
export async function startWorker(db: SpurDb, settings: JobSettings, options: WorkerOptions): Promise<RunningWorker> {
  const boss = await startBoss(db, { schedule: true, supervise: true });
  await registerSchedules(boss, settings);
  if (db.driver === 'pglite') await retryOrphanedUploads(boss, db);
  const uploads: UploadJobContext = {
    tracker: new UploadTracker(),
    log: (message, error) => options.log(`${message}: ${error instanceof Error ? error.message : String(error)}`),
  };
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  let uploadWorker = '';
  for (const queue of Object.values(QUEUES)) {
    const id = await boss.work(
      queue,
      { pollingIntervalSeconds, batchSize: queue === QUEUES.calc ? options.concurrency : 1 },
      async (jobs) => {
        await Promise.all(
          jobs.map(async (job) => {
            const outcome = await handleJob(boss, db, settings, queue, job.data, new Date(), uploads);
            if (typeof outcome === 'number') {
              if (outcome > 0) options.log(`${queue}: queued ${outcome} calculation(s)`);
            } else if (typeof outcome === 'string') {
              options.log(`sell-out upload ${(job.data as { importId: string }).importId}: ${outcome}`);
            } else {
              options.log(
                `run ${outcome.runId}: ${outcome.programId} ${outcome.period.label} ${outcome.kind}, ${outcome.postings.length} posting(s), ${outcome.timings.total} ms`,
              );
            }
          }),
        );
      },
    );
    if (queue === QUEUES.uploads) uploadWorker = id;
  }
  options.log(
    `worker started: provisional runs "${settings.provisionalCron}" (${settings.timeZone}), finals ${settings.finalGraceDays} days after period end`,
  );
  return {
    boss,
    uploads: {
      jobs: uploadJobsOn(db, { boss, wake: () => boss.notifyWorker(uploadWorker) }),
      tracker: uploads.tracker,
    },
    stop: () => boss.stop({ graceful: true, close: false, wait: true }),
  };
}

/**
 * On PGlite only this process can hold the database, so an upload job still marked active was
 * taken by a process that is gone (killed mid-import): give it back to the queue now rather than
 * after its expiry. The import was one transaction, so nothing of it remains.
 */
async function retryOrphanedUploads(boss: PgBoss, db: SpurDb): Promise<void> {
  const { rows } = await db.query<{ id: string }>(
    `select id::text from pgboss.job where name = $1 and state = 'active'`,
    [QUEUES.uploads],
  );
  for (const { id } of rows) await boss.fail(QUEUES.uploads, id, { message: 'the process running it ended' });
}
