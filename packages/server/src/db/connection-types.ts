import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type Driver = 'pglite' | 'postgres';

/**
 * A statement that starts with this comment does not count as a write for `onCommittedWrite`:
 * for bookkeeping whose caller tells the caches itself, or that changes nothing they hold (a
 * session's last-seen time).
 */
export const CACHE_NEUTRAL = '/* cache-neutral */';

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Keep the statement prepared on the connection (server driver; PGlite ignores it), so a hot
   * query is parsed and planned once per connection instead of on every request (planning cost
   * more than running the partner pages' index lookups). Only for texts from a fixed set: each
   * distinct text stays prepared on every pooled connection.
   */
  prepared?: boolean;
}

/** Something that runs SQL with positional parameters ($1, $2, ...). */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
}

/**
 * One physical connection. `copyFrom` bulk-loads text in COPY format (the SQL must read
 * `FROM STDIN`); chunks are streamed on a server and fed to PGlite in bounded blobs, so every
 * chunk must end at a row boundary.
 */
export interface RawConnection extends Queryable {
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  copyFrom(copySql: string, chunks: AsyncIterable<string | Buffer>): Promise<number>;
  release(destroy?: boolean): void;
}

/** A connection inside a transaction, with a typed query builder bound to it. */
export interface Tx extends Queryable {
  readonly kysely: Kysely<Database>;
  readonly driver: Driver;
  exec(script: string): Promise<void>;
  copyFrom(copySql: string, chunks: AsyncIterable<string | Buffer>): Promise<number>;
}

/** A LISTEN on a dedicated connection; `connected` reports when it is (again) listening or lost. */
export interface ListenHandlers {
  notify(payload: string): void;
  connected(listening: boolean): void;
}

export interface Listening {
  close(): Promise<void>;
}

export interface SpurDb extends Queryable {
  readonly driver: Driver;
  /** Typed query builder over the pool. */
  readonly kysely: Kysely<Database>;
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` on one connection without a transaction (session-level locks, long scripts). */
  withConnection<T>(fn: (conn: Tx) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` after every write this process committed through this handle: a writing
   * statement outside a transaction once it returned, or the commit of a transaction that wrote.
   * Caches of this process use it to drop answers at once, before the writer answers anyone.
   * Returns the unsubscribe function.
   */
  onCommittedWrite(listener: () => void): () => void;
  /**
   * LISTEN on `channel` through a dedicated connection that reconnects when lost (server driver).
   * Null on PGlite: one process holds the database, so `onCommittedWrite` sees every write.
   */
  listen(channel: string, handlers: ListenHandlers): Listening | null;
  close(): Promise<void>;
}
