import type { Command } from 'commander';
import { CliError, withDatabase } from '../cli/context.ts';
import { QUEUES, startBoss } from './boss.ts';
import { drainQueues, enqueueRuns } from './calc-jobs.ts';
import { JobSettingsError, loadJobSettings, todayIn } from './job-settings.ts';
import { planProvisionalRuns } from './planner.ts';
import { startWorker } from './worker.ts';

function settings() {
  try {
    return loadJobSettings();
  } catch (error) {
    if (error instanceof JobSettingsError) throw new CliError(error.message);
    throw error;
  }
}

export function registerJobCommands(program: Command): void {
  program
    .command('worker')
    .description(
      'process the durable job queue (pg-boss in the database): sell-out uploads, scheduled provisional runs, runs after sell-out imports, final runs after the grace time; start several to share the work',
    )
    .option('--drain', 'process what is queued now (uploads, then the follow-up runs of new imports) and exit', false)
    .option('--concurrency <n>', 'calculation jobs this process runs at once (1-16)', '1')
    .addHelpText(
      'after',
      '\nEnvironment:\n  SPUR_RUN_CRON          cron of provisional runs (default "0 6 * * 1", Monday 06:00)\n  SPUR_RUN_TIMEZONE      IANA time zone of the cron and of "today" (default UTC)\n  SPUR_FINAL_GRACE_DAYS  days after a period ends before its final run (default 10)',
    )
    .action(async (options: { drain: boolean; concurrency: string }) => {
      const jobSettings = settings();
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
        throw new CliError(`--concurrency "${options.concurrency}" must be a whole number from 1 to 16`);
      }
      await withDatabase(async (db) => {
        if (options.drain) {
          const boss = await startBoss(db, { schedule: false, supervise: false });
          try {
            await boss.send(QUEUES.imports, {});
            const result = await drainQueues(boss, db, jobSettings);
            console.log(`processed ${result.processed} job(s), ${result.failed} failed`);
          } finally {
            await boss.stop({ graceful: true, close: false, wait: true });
          }
          return;
        }
        const worker = await startWorker(db, jobSettings, { concurrency, log: (line) => console.log(line) });
        try {
          console.log('Ctrl-C stops the worker');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
        } finally {
          await worker.stop();
        }
      });
    });

  program
    .command('schedule-runs')
    .description(
      'queue provisional runs of every open period of every active program now (what the weekly schedule does)',
    )
    .action(async () => {
      const jobSettings = settings();
      await withDatabase(async (db) => {
        const boss = await startBoss(db, { schedule: false, supervise: false });
        try {
          const queued = await enqueueRuns(boss, await planProvisionalRuns(db, todayIn(jobSettings.timeZone)));
          console.log(`queued ${queued} provisional run(s); spur worker processes them`);
        } finally {
          await boss.stop({ graceful: true, close: false, wait: true });
        }
      });
    });
}
