import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import type { QueryResult, RawConnection } from './connection-types.ts';

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

function wrapClient(client: pg.PoolClient): RawConnection {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await client.query(text, params as unknown[]);
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
