import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { RawConnection } from './connection-types.ts';
import type { Database } from './schema.ts';

class KyselyConnection implements DatabaseConnection {
  constructor(readonly raw: RawConnection) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.raw.query<R>(compiled.sql, compiled.parameters);
    const isWrite = /^\s*(insert|update|delete|merge)/i.test(compiled.sql);
    return isWrite ? { rows: result.rows, numAffectedRows: BigInt(result.rowCount) } : { rows: result.rows };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered; Kysely only calls it on .stream()
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported; page with keyset queries instead');
  }
}

/** A Kysely driver over our own connection source, so both PGlite and pg share one code path. */
class SpurKyselyDriver implements Driver {
  constructor(
    private readonly acquireRaw: () => Promise<RawConnection>,
    private readonly ownsConnections: boolean,
  ) {}
  async init() {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new KyselyConnection(await this.acquireRaw());
  }
  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await (conn as KyselyConnection).raw.query(`begin${isolation}`);
  }
  async commitTransaction(conn: DatabaseConnection) {
    await (conn as KyselyConnection).raw.query('commit');
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await (conn as KyselyConnection).raw.query('rollback');
  }
  async releaseConnection(conn: DatabaseConnection) {
    if (this.ownsConnections) (conn as KyselyConnection).raw.release();
  }
  async destroy() {}
}

export function createKysely(acquireRaw: () => Promise<RawConnection>, ownsConnections = true): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new SpurKyselyDriver(acquireRaw, ownsConnections),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

/** A Kysely bound to one connection that is already checked out (inside `SpurDb.transaction`). */
export function kyselyOnConnection(raw: RawConnection): Kysely<Database> {
  return createKysely(async () => raw, false);
}
