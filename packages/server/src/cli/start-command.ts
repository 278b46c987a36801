import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the Spur server (API and portal); on the embedded database, loads demo data on first start')
    .action(async () => {
      const config = loadConfig();
      const db = await openDatabase(config);
      await migrate(db);
      const app = await buildApp({ db, logLevel: config.logLevel });
      const close = async () => {
        await app.close();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      console.log(`Spur is running on http://${shownHost}:${config.port}`);
    });
}
