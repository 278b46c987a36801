import type PgBoss from 'pg-boss';
import type { SpurDb, Tx } from '../db/connection-types.ts';
import { QUEUES, startBoss } from '../jobs/boss.ts';

/** How the API hands accepted uploads to the job queue. */
export interface UploadJobs {
  /**
   * Gets the queue ready; call it before the transaction that enqueues (starting pg-boss needs
   * the database, and on PGlite that transaction holds its only connection).
   */
  ready(): Promise<void>;
  /** Queues the import of an upload stored in `tx`: the job exists exactly when the upload does. */
  enqueue(tx: Tx, importId: string): Promise<void>;
  /** Called once that transaction committed. */
  committed(): void;
  close(): Promise<void>;
}

export interface UploadJobsOptions {
  /** A started pg-boss to send with (the worker's, in a process that runs one); else one is started on first use. */
  boss?: PgBoss;
  /** Called after an upload committed, e.g. to wake this process's own worker instead of waiting for its next poll. */
  wake?: () => void;
}

/**
 * Sends upload jobs through pg-boss, inside the transaction that stores the upload: a crash between
 * the two can neither lose an upload nor queue a job for nothing.
 */
export function uploadJobsOn(db: SpurDb, options: UploadJobsOptions = {}): UploadJobs {
  let own: Promise<PgBoss> | undefined;
  let sender: PgBoss | undefined = options.boss;
  return {
    async ready() {
      if (sender) return;
      own ??= startBoss(db, { schedule: false, supervise: false });
      sender = await own;
    },
    async enqueue(tx, importId) {
      if (!sender) throw new Error('upload jobs: call ready() before the transaction');
      await sender.send(QUEUES.uploads, { importId }, { db: inTransaction(tx) });
    },
    committed() {
      options.wake?.();
    },
    async close() {
      if (own) await (await own).stop({ graceful: true, close: false, wait: true });
    },
  };
}

/** A pg-boss database that runs its statements in our transaction. */
function inTransaction(tx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await tx.query(text, values ?? []);
      return { rows: result.rows ?? [] };
    },
  };
}

/** Whether `data` is an upload job's payload. */
export function isUploadJob(data: unknown): data is { importId: string } {
  return typeof (data as { importId?: unknown } | null)?.importId === 'string';
}
