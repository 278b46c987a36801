import type { SpurConfig } from '../config/config.ts';
import {
  CACHE_NEUTRAL,
  type Driver,
  type ListenHandlers,
  type Listening,
  type QueryOptions,
  type QueryResult,
  type RawConnection,
  type SpurDb,
  type Tx,
} from './connection-types.ts';
import { createKysely, kyselyOnConnection } from './kysely-driver.ts';
import { createPgliteBackend } from './pglite-backend.ts';
import { createPostgresBackend } from './postgres-backend.ts';

export type { Driver, QueryResult, SpurDb, Tx } from './connection-types.ts';
export { CACHE_NEUTRAL } from './connection-types.ts';

interface Backend {
  acquire(): Promise<RawConnection>;
  close(): Promise<void>;
  listen?(channel: string, handlers: ListenHandlers): Listening;
}

// Statements that write nothing a cache could hold. Anything else counts as a write (a `with`
// may hide an update; a function call may write), so the test errs towards dropping caches.
const READ_ONLY = /^\s*(select|show|explain|values|set|reset|listen|unlisten|savepoint|release|notify)\b/i;
const BEGIN = /^\s*(begin|start\s+transaction)\b/i;
const COMMIT = /^\s*(commit|end)\b/i;
const ROLLBACK = /^\s*rollback\s*(;\s*)?$/i;
// The job queue's own bookkeeping (fetching, completing jobs) lives in its schema only.
const JOB_QUEUE_ONLY = /\bpgboss\./;
// Plain row changes: when they changed no row they wrote nothing (a poll that finds no work).
const ROW_CHANGE = /^\s*(insert|update|delete|merge)\b/i;

function isWrite(text: string, rowCount: number): boolean {
  if (READ_ONLY.test(text) || text.startsWith(CACHE_NEUTRAL)) return false;
  if (rowCount === 0 && ROW_CHANGE.test(text)) return false;
  return !(JOB_QUEUE_ONLY.test(text) && !/\bpublic\./.test(text));
}

/** Follows one connection's transaction state and reports writes once they are committed. */
function trackWrites(raw: RawConnection, committed: () => void): RawConnection {
  let inTransaction = false;
  let wrote = false;
  const after = (text: string, rowCount: number) => {
    if (BEGIN.test(text)) {
      inTransaction = true;
      wrote = false;
    } else if (COMMIT.test(text)) {
      if (wrote) committed();
      inTransaction = false;
      wrote = false;
    } else if (ROLLBACK.test(text)) {
      inTransaction = false;
      wrote = false;
    } else if (isWrite(text, rowCount)) {
      if (inTransaction) wrote = true;
      else committed();
    }
  };
  return {
    async query(text, params, options) {
      const result = await raw.query(text, params, options);
      after(text, result.rowCount);
      return result;
    },
    async exec(script) {
      await raw.exec(script);
      // A script may commit its own transactions: count it as a committed write.
      if (inTransaction) wrote = true;
      else committed();
    },
    async copyFrom(copySql, chunks) {
      const rows = await raw.copyFrom(copySql, chunks);
      if (inTransaction) wrote = true;
      else committed();
      return rows;
    },
    release(destroy) {
      // A connection goes back to the pool outside a transaction; forget any unfinished state.
      inTransaction = false;
      wrote = false;
      raw.release(destroy);
    },
  } as RawConnection;
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

function wrapBackend(driver: Driver, plain: Backend): SpurDb {
  const writeListeners = new Set<() => void>();
  const committed = () => {
    for (const listener of writeListeners) listener();
  };
  const backend: Backend = {
    acquire: async () => trackWrites(await plain.acquire(), committed),
    close: () => plain.close(),
  };
  const listenings = new Set<Listening>();
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
    onCommittedWrite(listener) {
      writeListeners.add(listener);
      return () => writeListeners.delete(listener);
    },
    listen(channel, handlers) {
      if (!plain.listen) return null;
      const listening = plain.listen(channel, handlers);
      const entry: Listening = {
        close: async () => {
          listenings.delete(entry);
          await listening.close();
        },
      };
      listenings.add(entry);
      return entry;
    },
    async close() {
      await Promise.all([...listenings].map((listening) => listening.close()));
      await kysely.destroy();
      await backend.close();
    },
  };
}
