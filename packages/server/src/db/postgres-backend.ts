import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { QueryOptions, QueryResult, RawConnection } from './connection-types.ts';

// Same value shapes on both drivers: DATE as 'YYYY-MM-DD', NUMERIC and INT8 as exact strings.
pg.types.setTypeParser(1082, (value: string) => value);
pg.types.setTypeParser(1700, (value: string) => value);
pg.types.setTypeParser(20, (value: string) => value);

export interface PostgresBackend {
  acquire(): Promise<RawConnection>;
  close(): Promise<void>;
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
