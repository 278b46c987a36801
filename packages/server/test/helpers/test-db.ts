import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type SpurDb } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';

export interface TestDb extends SpurDb {
  /** The URL of this test's own database on a server, undefined on PGlite. */
  readonly url: string | undefined;
  /** Closes the connection and drops this test's database. */
  destroy(): Promise<void>;
}

/** Which driver the database suites run on: a server when DATABASE_URL is set, else PGlite. */
export const testDriver = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export function adminUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * A fresh, migrated, empty database for one test file: PGlite in memory, or on a server a
 * clone of the migrated template, so the same suites prove both drivers.
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ databaseUrl: undefined, dataDir: 'memory://' });
    await migrate(db);
    return Object.assign(db, { url: undefined, destroy: () => db.close() });
  }
  const name = `spur_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(serverUrl) });
  await admin.connect();
  try {
    const template = process.env.SPUR_TEST_TEMPLATE;
    if (!template) throw new Error('SPUR_TEST_TEMPLATE is unset: run the suites through vitest (global setup)');
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(serverUrl, name);
  const db = await openDatabase({ databaseUrl: url, dataDir: '' });
  return Object.assign(db, {
    url,
    async destroy() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: adminUrl(serverUrl) });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  });
}
