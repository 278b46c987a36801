import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { QueryResult, RawConnection } from './connection-types.ts';

// Same value shapes as the server driver: DATE as 'YYYY-MM-DD', NUMERIC and INT8 as exact strings
// (PGlite would otherwise turn INT8 into a lossy JS number).
const parsers = {
  20: (value: string) => value,
  1082: (value: string) => value,
  1700: (value: string) => value,
};

/** PGlite takes COPY input as one Blob; we cut the stream into blobs of this size to bound memory. */
const COPY_BLOB_BYTES = 16 * 1024 * 1024;

/**
 * PGlite runs PostgreSQL inside this Node process, so its shared buffers count in the process's
 * memory and stay resident once touched. PostgreSQL's default (128 MB) put a 10M-line import over
 * 512 MB; the operating system still caches the data files behind a smaller pool.
 * SPUR_PGLITE_SHARED_BUFFERS overrides it (a PostgreSQL size such as 64MB).
 */
const SHARED_BUFFERS = process.env.SPUR_PGLITE_SHARED_BUFFERS || '32MB';

export interface PgliteBackend {
  acquire(): Promise<RawConnection>;
  close(): Promise<void>;
  readonly pglite: PGlite;
}

/**
 * PGlite is one single-user PostgreSQL in this process: exactly one connection. A mutex hands it
 * to one caller at a time, so a transaction never interleaves with another caller's statements.
 */
export async function createPgliteBackend(dataDir: string | undefined): Promise<PgliteBackend> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    parsers,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`],
  });
  let queue: Promise<void> = Promise.resolve();

  async function acquire(): Promise<RawConnection> {
    let releaseLock!: () => void;
    const previous = queue;
    queue = new Promise<void>((resolve) => {
      releaseLock = resolve;
    });
    await previous;
    let released = false;
    return {
      async query<Row>(text: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
        const result = await pglite.query<Row>(text, params as unknown[]);
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      },
      async exec(script: string) {
        await pglite.exec(script);
      },
      async copyFrom(copySql: string, chunks: AsyncIterable<string | Buffer>) {
        const blobSql = copySql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'");
        if (blobSql === copySql) throw new Error(`copyFrom expects "FROM STDIN" in: ${copySql}`);
        let pending: (string | Buffer)[] = [];
        let pendingBytes = 0;
        let rows = 0;
        const flush = async () => {
          if (pending.length === 0) return;
          const blob = new Blob(pending);
          pending = [];
          pendingBytes = 0;
          const result = await pglite.query(blobSql, [], { blob });
          rows += result.affectedRows ?? 0;
        };
        for await (const chunk of chunks) {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= COPY_BLOB_BYTES) await flush();
        }
        await flush();
        return rows;
      },
      release() {
        if (released) return;
        released = true;
        releaseLock();
      },
    };
  }

  return {
    acquire,
    pglite,
    async close() {
      await queue;
      await pglite.close();
    },
  };
}
