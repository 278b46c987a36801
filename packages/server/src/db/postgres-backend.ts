import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { ListenHandlers, Listening, QueryOptions, QueryResult, RawConnection } from './connection-types.ts';

// Same value shapes on both drivers: DATE as 'YYYY-MM-DD', NUMERIC and INT8 as exact strings.
pg.types.setTypeParser(1082, (value: string) => value);
pg.types.setTypeParser(1700, (value: string) => value);
pg.types.setTypeParser(20, (value: string) => value);

export interface PostgresBackend {
  acquire(): Promise<RawConnection>;
  close(): Promise<void>;
  listen(channel: string, handlers: ListenHandlers): Listening;
}

/** How long a lost LISTEN connection waits before it connects again. */
const LISTEN_RETRY_MS = 1000;

/**
 * A dedicated connection (not from the pool: a pooled one would be handed to others) that
 * LISTENs on `channel`, and connects again after any error until closed. `connected(false)` is
 * reported on every loss, `connected(true)` each time the LISTEN is in place again.
 */
function listenOn(databaseUrl: string, channel: string, handlers: ListenHandlers): Listening {
  let closed = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const lost = () => {
    if (client === null) return;
    const old = client;
    client = null;
    handlers.connected(false);
    old.end().catch(() => {});
    if (!closed) retry = setTimeout(connect, LISTEN_RETRY_MS);
  };
  async function connect() {
    retry = null;
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    client = next;
    next.on('error', lost);
    next.on('end', lost);
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.notify(message.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      if (client === next && !closed) handlers.connected(true);
    } catch {
      if (client === next) lost();
    }
  }
  void connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const last = client;
      client = null;
      if (last) await last.end().catch(() => {});
    },
  };
}

export function createPostgresBackend(databaseUrl: string, maxConnections = 10): PostgresBackend {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    async acquire() {
      const client = await pool.connect();
      return wrapClient(client);
    },
    close: () => pool.end(),
    listen: (channel, handlers) => listenOn(databaseUrl, channel, handlers),
  };
}

/** Prepared statement names by SQL text: the same text has the same name on every connection. */
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `spur_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

function wrapClient(client: pg.PoolClient): RawConnection {
  return {
    async query<Row>(text: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<QueryResult<Row>> {
      const values = params as unknown[];
      const result = options?.prepared
        ? await client.query({ name: statementName(text), text, values })
        : await client.query(text, values);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async exec(script: string) {
      await client.query(script);
    },
    async copyFrom(copySql: string, chunks: AsyncIterable<string | Buffer>) {
      const stream = client.query(copyStreams.from(copySql));
      await pipeline(Readable.from(chunks), stream);
      return Number(stream.rowCount ?? 0);
    },
    release(destroy = false) {
      client.release(destroy);
    },
  };
}
