import pg from 'pg';
import { openDatabase } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { adminUrl, withDatabaseName } from './test-db.ts';

let templateName: string | undefined;

/**
 * On a PostgreSQL server, builds a migrated template database once per test run; every test
 * file then clones it (CREATE DATABASE ... TEMPLATE), which is much faster than migrating.
 * The name is per run, so two runs at once (two developers, two CI steps) never collide.
 */
export async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  templateName = `spur_test_template_${process.pid}`;
  // Test workers are started after this and inherit the variable.
  process.env.SPUR_TEST_TEMPLATE = templateName;
  await adminQuery(url, `drop database if exists ${templateName} with (force)`);
  await adminQuery(url, `create database ${templateName}`);
  const db = await openDatabase({ databaseUrl: withDatabaseName(url, templateName), dataDir: '' });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

export async function teardown(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || !templateName) return;
  await adminQuery(url, `drop database if exists ${templateName} with (force)`);
}

async function adminQuery(url: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl(url) });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
