import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/accounts.ts';
import { loadDemoData } from '../demo/load.ts';
import { loadDemoPrograms } from '../demo/programs.ts';
import { buildApp } from '../http/app.ts';
import { loadJobSettings } from '../jobs/job-settings.ts';
import { startWorker } from '../jobs/worker.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'start the Spur server (API and portal) on PORT; on the embedded database (no DATABASE_URL), loads demo data and the example programs on first start and prints the demo logins',
    )
    .option('--no-demo', 'do not load demo data on first start')
    .option(
      '--no-worker',
      'do not process the job queue in this process (run `spur worker` processes instead; needs DATABASE_URL, since the embedded database takes one process)',
    )
    .action(async (options: { demo: boolean; worker: boolean }) => {
      const config = loadConfig();
      const jobSettings = loadJobSettings();
      const db = await openDatabase(config);
      await migrate(db);
      // Demo data only on the embedded database: a server database is somebody's real data.
      if (!config.databaseUrl && options.demo) {
        const demo = await loadDemoData(db, { onStep: (step) => console.log(`demo data: ${step}`) });
        if (demo.loaded) {
          await loadDemoPrograms(db, (step) => console.log(`demo data: ${step}`));
          console.log(`\nDemo logins (password "${DEMO_PASSWORD}"):`);
          for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(18)} ${account.email}`);
          console.log('');
        }
      }
      // One process serves the API and runs the jobs (uploads, scheduled and import-triggered
      // calculations), so the embedded database (one process only) works out of the box; with a
      // server, scale with `spur worker` processes.
      let app: FastifyInstance | undefined;
      const log = (line: string) => (app ? app.log.info(line) : console.log(line));
      const worker = options.worker ? await startWorker(db, jobSettings, { concurrency: 1, log }) : undefined;
      if (!worker && !config.databaseUrl) {
        console.warn(
          'warning: --no-worker on the embedded database: no other process can open it, so uploads and scheduled runs wait until Spur starts with a worker',
        );
      }
      app = await buildApp({
        db,
        logLevel: config.logLevel,
        ...(worker && { uploads: worker.uploads }),
      });
      const server = app;
      const close = async () => {
        await server.close();
        await worker?.stop();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await server.listen({ port: config.port, host: config.host });
      const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      console.log(`Spur is running on http://${shownHost}:${config.port}`);
    });
}
