import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedReferenceData } from '../masterdata/seed-reference-data.ts';
import type { SpurDb } from './connection-types.ts';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary constant: the advisory lock that serialises concurrent `migrate` calls. */
const MIGRATION_LOCK_KEY = 726_001;

export interface Migration {
  name: string;
  sql: string;
}

/** Migrations are plain SQL files, `NNNN_topic.sql`, applied in name order: one set for both drivers. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sql: readFileSync(join(dir, file), 'utf8') }));
}

/**
 * Applies every pending migration, each in its own transaction, then adds missing reference data.
 * Safe to run from several processes.
 */
export async function migrate(db: SpurDb, migrations = listMigrations()): Promise<string[]> {
  return db.withConnection(async (conn) => {
    await conn.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await conn.exec(`create table if not exists spur_migrations (
        name text primary key,
        applied_at timestamptz not null default now()
      )`);
      const done = new Set(
        (await conn.query<{ name: string }>('select name from spur_migrations')).rows.map((row) => row.name),
      );
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        await conn.exec('begin');
        try {
          await conn.exec(migration.sql);
          await conn.query('insert into spur_migrations (name) values ($1)', [migration.name]);
          await conn.exec('commit');
        } catch (error) {
          await conn.exec('rollback');
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
        }
        applied.push(migration.name);
      }
      // Built-in countries and clusters are part of a usable schema.
      await seedReferenceData(conn);
      return applied;
    } finally {
      await conn.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
