import { loadConfig, type SpurConfig } from '../config/config.ts';
import { openDatabase, type SpurDb } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';

/** An error the CLI prints as one line (no stack) and turns into exit code 1. */
export class CliError extends Error {}

/**
 * Opens the configured database, brings its schema up to date, runs `fn`, and closes it.
 * Every CLI command that touches data goes through here, so all honour the same variables.
 */
export async function withDatabase<T>(fn: (db: SpurDb, config: SpurConfig) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    await migrate(db);
    return await fn(db, config);
  } finally {
    await db.close();
  }
}
