import pg from 'pg';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { adminUrl, TEMPLATE_DATABASE } from './test-db.ts';

/**
 * On a PostgreSQL server, builds a migrated template database once per test run; every test
 * file then clones it (CREATE DATABASE ... TEMPLATE), which is much faster than migrating.
 */
export async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ databaseUrl: withDatabase(url, TEMPLATE_DATABASE), dataDir: '' });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
