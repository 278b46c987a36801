import type PgBoss from 'pg-boss';
import type { SpurDb } from '../db/connection-types.ts';
import { type RunReport, runCalculation } from '../runs/run-calculation.ts';
import { runUploadJob, type UploadJobContext, type UploadJobOutcome } from '../uploads/upload-job.ts';
import { isUploadJob } from '../uploads/upload-queue.ts';
import { UploadTracker } from '../uploads/upload-tracker.ts';
import { QUEUES } from './boss.ts';
import { type JobSettings, todayIn } from './job-settings.ts';
import { type PlannedRun, planFinalRuns, planProvisionalRuns, planRunsAfterImports } from './planner.ts';

/** Queues one calculation job per planned run. A duplicate costs one run that finds nothing changed; a throttled one could miss lines. */
export async function enqueueRuns(boss: PgBoss, runs: readonly PlannedRun[]): Promise<number> {
  let queued = 0;
  for (const run of runs) {
    if ((await boss.send(QUEUES.calc, { ...run })) !== null) queued++;
  }
  return queued;
}

function isPlannedRun(data: unknown): data is PlannedRun {
  const run = data as Partial<PlannedRun> | null;
  return typeof run?.programId === 'string' && typeof run.period === 'string' && typeof run.final === 'boolean';
}

/** A process that imports uploads without an API beside it: nobody follows their progress live. */
function detachedUploads(): UploadJobContext {
  return { tracker: new UploadTracker(), log: (message, error) => console.error(message, error) };
}

/** What one job of each queue does. */
export async function handleJob(
  boss: PgBoss,
  db: SpurDb,
  settings: JobSettings,
  queue: string,
  data: unknown,
  now: Date = new Date(),
  uploads: UploadJobContext = detachedUploads(),
): Promise<RunReport | number | UploadJobOutcome> {
  const today = todayIn(settings.timeZone, now);
  switch (queue) {
    case QUEUES.uploads:
      if (!isUploadJob(data)) throw new Error(`upload job without importId: ${JSON.stringify(data)}`);
      return runUploadJob(db, data.importId, uploads);
    case QUEUES.calc:
      if (!isPlannedRun(data))
        throw new Error(`calculation job without programId, period and final: ${JSON.stringify(data)}`);
      return runCalculation(db, {
        programId: data.programId,
        period: data.period,
        final: data.final,
        trigger: data.trigger,
      });
    case QUEUES.provisional:
      return enqueueRuns(boss, await planProvisionalRuns(db, today));
    case QUEUES.finalize:
      return enqueueRuns(boss, await planFinalRuns(db, today, settings.finalGraceDays));
    case QUEUES.imports:
      return enqueueRuns(boss, await planRunsAfterImports(db));
    default:
      throw new Error(`no handler for queue ${queue}`);
  }
}

/** Registers the schedules: provisional runs by the configured cron, finals daily, import follow-ups every minute. */
export async function registerSchedules(boss: PgBoss, settings: JobSettings): Promise<void> {
  await boss.schedule(QUEUES.provisional, settings.provisionalCron, {}, { tz: settings.timeZone });
  await boss.schedule(QUEUES.finalize, '30 5 * * *', {}, { tz: settings.timeZone });
  await boss.schedule(QUEUES.imports, '* * * * *', {}, { tz: settings.timeZone });
}

/**
 * Processes waiting jobs of every queue until none is left (planner jobs queue calculation jobs,
 * which this then runs). For `spur worker --drain` and tests; `spur worker` polls with `work`.
 */
export async function drainQueues(
  boss: PgBoss,
  db: SpurDb,
  settings: JobSettings,
  now: Date = new Date(),
  uploads: UploadJobContext = detachedUploads(),
): Promise<{ processed: number; failed: number }> {
  let processed = 0;
  let failed = 0;
  for (;;) {
    let found = false;
    // Uploads first: the import-runs planner then sees the lines they stored.
    for (const queue of [QUEUES.uploads, QUEUES.imports, QUEUES.provisional, QUEUES.finalize, QUEUES.calc]) {
      const jobs = await boss.fetch<unknown>(queue, { batchSize: 1 });
      for (const job of jobs) {
        found = true;
        try {
          await handleJob(boss, db, settings, queue, job.data, now, uploads);
          await boss.complete(queue, job.id);
          processed++;
        } catch (error) {
          await boss.fail(queue, job.id, { message: error instanceof Error ? error.message : String(error) });
          failed++;
        }
      }
    }
    if (!found) {
      if (!(await jobsBecomingDue(db))) return { processed, failed };
      // pg-boss fetches only jobs with start_after < now(); a job sent in the same clock tick
      // (PGlite's clock can repeat an instant) is due a moment later, not missing.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** Whether a queued job (not a retry waiting out its backoff) becomes due within a second. */
async function jobsBecomingDue(db: SpurDb): Promise<boolean> {
  const { rows } = await db.query<{ waiting: boolean }>(
    `select exists (
       select 1 from pgboss.job
       where name = any($1::text[]) and state = 'created' and start_after <= now() + interval '1 second'
     ) as waiting`,
    [Object.values(QUEUES)],
  );
  return rows[0]?.waiting === true;
}
