import type { Command } from 'commander';
import { CliError, withDatabase } from '../cli/context.ts';
import { QUEUES, startBoss } from './boss.ts';
import { drainQueues, enqueueRuns, handleJob, registerSchedules } from './calc-jobs.ts';
import { JobSettingsError, loadJobSettings, todayIn } from './job-settings.ts';
import { planProvisionalRuns } from './planner.ts';

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
      'process the durable job queue (pg-boss in the database): scheduled provisional runs, runs after sell-out imports, final runs after the grace time; start several to share the work',
    )
    .option('--drain', 'process what is queued now (including the follow-up runs of new imports) and exit', false)
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
        const boss = await startBoss(db, { schedule: !options.drain, supervise: !options.drain });
        try {
          if (options.drain) {
            await boss.send(QUEUES.imports, {});
            const result = await drainQueues(boss, db, jobSettings);
            console.log(`processed ${result.processed} job(s), ${result.failed} failed`);
            return;
          }
          await registerSchedules(boss, jobSettings);
          for (const queue of Object.values(QUEUES)) {
            await boss.work(
              queue,
              { pollingIntervalSeconds: 2, batchSize: queue === QUEUES.calc ? concurrency : 1 },
              async (jobs) => {
                await Promise.all(
                  jobs.map(async (job) => {
                    const outcome = await handleJob(boss, db, jobSettings, queue, job.data);
                    if (typeof outcome === 'number') {
                      if (outcome > 0) console.log(`${queue}: queued ${outcome} calculation(s)`);
                    } else {
                      console.log(
                        `run ${outcome.runId}: ${outcome.programId} ${outcome.period.label} ${outcome.kind}, ${outcome.postings.length} posting(s), ${outcome.timings.total} ms`,
                      );
                    }
                  }),
                );
              },
            );
          }
          console.log(
            `worker started: provisional runs "${jobSettings.provisionalCron}" (${jobSettings.timeZone}), finals ${jobSettings.finalGraceDays} days after period end; Ctrl-C stops`,
          );
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
        } finally {
          await boss.stop({ graceful: true, close: false, wait: true });
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
