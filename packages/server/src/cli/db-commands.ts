import type { Command } from 'commander';
import { loadConfig } from '../config/config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending schema migrations to the configured database (DATABASE_URL or SPUR_DATA_DIR)')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        const applied = await migrate(database);
        const where = config.databaseUrl ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`;
        console.log(applied.length ? `applied ${applied.join(', ')} to the ${where}` : `the ${where} is up to date`);
      } finally {
        await database.close();
      }
    });
}
