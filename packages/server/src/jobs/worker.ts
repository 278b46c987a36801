import type PgBoss from 'pg-boss';
import type { SpurDb } from '../db/connection-types.ts';
import { QUEUES, startBoss } from './boss.ts';
import { handleJob, registerSchedules } from './calc-jobs.ts';
import type { JobSettings } from './job-settings.ts';

export interface WorkerOptions {
  /** Calculation jobs this process runs at once. */
  concurrency: number;
  log: (message: string) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * Starts processing every queue (scheduled provisional runs, runs after imports, final runs) in
 * this process. `spur worker` runs only this; `spur start` runs it beside the HTTP server.
 */
export async function startWorker(db: SpurDb, settings: JobSettings, options: WorkerOptions): Promise<RunningWorker> {
  const boss = await startBoss(db, { schedule: true, supervise: true });
  await registerSchedules(boss, settings);
  for (const queue of Object.values(QUEUES)) {
    await boss.work(
      queue,
      { pollingIntervalSeconds: 2, batchSize: queue === QUEUES.calc ? options.concurrency : 1 },
      async (jobs) => {
        await Promise.all(
          jobs.map(async (job) => {
            const outcome = await handleJob(boss, db, settings, queue, job.data);
            if (typeof outcome === 'number') {
              if (outcome > 0) options.log(`${queue}: queued ${outcome} calculation(s)`);
            } else {
              options.log(
                `run ${outcome.runId}: ${outcome.programId} ${outcome.period.label} ${outcome.kind}, ${outcome.postings.length} posting(s), ${outcome.timings.total} ms`,
              );
            }
          }),
        );
      },
    );
  }
  options.log(
    `worker started: provisional runs "${settings.provisionalCron}" (${settings.timeZone}), finals ${settings.finalGraceDays} days after period end`,
  );
  return {
    boss,
    stop: () => boss.stop({ graceful: true, close: false, wait: true }),
  };
}
