import type { SpurConfig } from '../config/config.ts';
import type { Driver, QueryOptions, QueryResult, RawConnection, SpurDb, Tx } from './connection-types.ts';
import { createKysely, kyselyOnConnection } from './kysely-driver.ts';
import { createPgliteBackend } from './pglite-backend.ts';
import { createPostgresBackend } from './postgres-backend.ts';

export type { Driver, QueryResult, SpurDb, Tx } from './connection-types.ts';

interface Backend {
  acquire(): Promise<RawConnection>;
  close(): Promise<void>;
}

/**
 * Opens the database: a PostgreSQL server when `databaseUrl` is set, otherwise embedded PGlite
 * in `dataDir` (or in memory when `dataDir` is `memory://`, for tests).
 */
export async function openDatabase(
  options: Pick<SpurConfig, 'databaseUrl' | 'dataDir'> & { maxConnections?: number },
): Promise<SpurDb> {
  if (options.databaseUrl) {
    return wrapBackend('postgres', createPostgresBackend(options.databaseUrl, options.maxConnections));
  }
  const dir = options.dataDir === 'memory://' ? undefined : options.dataDir;
  return wrapBackend('pglite', await createPgliteBackend(dir));
}

function wrapBackend(driver: Driver, backend: Backend): SpurDb {
  const kysely = createKysely(() => backend.acquire());

  function txFor(raw: RawConnection): Tx {
    return {
      driver,
      kysely: kyselyOnConnection(raw),
      query: (text, params, options) => raw.query(text, params, options),
      exec: (script) => raw.exec(script),
      copyFrom: (sql, chunks) => raw.copyFrom(sql, chunks),
    };
  }

  async function withConnection<T>(fn: (conn: Tx) => Promise<T>): Promise<T> {
    const raw = await backend.acquire();
    try {
      return await fn(txFor(raw));
    } finally {
      raw.release();
    }
  }

  return {
    driver,
    kysely,
    async query<Row>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<Row>> {
      const raw = await backend.acquire();
      try {
        return await raw.query<Row>(text, params, options);
      } finally {
        raw.release();
      }
    },
    withConnection,
    transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return withConnection(async (conn) => {
        await conn.query('begin');
        try {
          const result = await fn(conn);
          await conn.query('commit');
          return result;
        } catch (error) {
          await conn.query('rollback').catch(() => {});
          throw error;
        }
      });
    },
    async close() {
      await kysely.destroy();
      await backend.close();
    },
  };
}
