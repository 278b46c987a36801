import PgBoss from 'pg-boss';
import type { SpurDb } from '../db/connection-types.ts';

/** The queues Spur's workers serve. */
export const QUEUES = {
  /** One calculation run: { programId, period, final, trigger }. */
  calc: 'spur-calc',
  /** Cron: provisional runs of every active program's open periods. */
  provisional: 'spur-provisional-runs',
  /** Cron (daily): final runs of periods past their grace time. */
  finalize: 'spur-finalize-periods',
  /** Cron (every minute): provisional runs of the periods that new sell-out imports touched. */
  imports: 'spur-import-runs',
  /** One accepted sell-out upload to import: { importId } (docs/api.md, "Sell-out uploads"). */
  uploads: 'spur-sellout-upload',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const CALC_POLICY = { retryLimit: 3, retryDelay: 30, retryBackoff: true };

/**
 * Retries and expiry per queue. An upload retries sooner and more often than
 * MAX_UPLOAD_ATTEMPTS, so the attempt after the last one can mark it failed; a job still active
 * after 30 minutes (its worker died) is retried.
 */
const QUEUE_POLICIES: Record<QueueName, PgBoss.RetryOptions & PgBoss.ExpirationOptions> = {
  [QUEUES.calc]: CALC_POLICY,
  [QUEUES.provisional]: CALC_POLICY,
  [QUEUES.finalize]: CALC_POLICY,
  [QUEUES.imports]: CALC_POLICY,
  [QUEUES.uploads]: { retryLimit: 5, retryDelay: 2, retryBackoff: true, expireInSeconds: 30 * 60 },
};

// Several statements in one text (pg-boss's locked migrations and maintenance) need a script call on PGlite.
const SCRIPT = /;\s*\S/;

/**
 * pg-boss on our own database handle, so it runs on PGlite as well as on a server: queries
 * with parameters go through `query`; parameterless multi-statement scripts through `exec`.
 */
export function bossDbAdapter(db: SpurDb): {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
} {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((values === undefined || values.length === 0) && SCRIPT.test(text.trim().replace(/;\s*$/, ''))) {
        await db.withConnection((conn) => conn.exec(text));
        return { rows: [] };
      }
      const result = await db.query(text, values ?? []);
      return { rows: result.rows ?? [] };
    },
  };
}

export interface BossOptions {
  /** Evaluate cron schedules in this process (workers do; one-off CLI calls need not). */
  schedule: boolean;
  /** Run pg-boss maintenance (archive, expiry) in this process. */
  supervise: boolean;
}

/** Starts pg-boss in the `pgboss` schema of our database and creates Spur's queues. */
export async function startBoss(db: SpurDb, options: BossOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    db: bossDbAdapter(db) as never,
    schema: 'pgboss',
    schedule: options.schedule,
    supervise: options.supervise,
    migrate: true,
  });
  boss.on('error', (error) => console.error(`job queue: ${error.message}`));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    // Failed jobs retry with backoff; a run is idempotent and an import one transaction.
    await boss.createQueue(name, { name, ...QUEUE_POLICIES[name] });
  }
  return boss;
}
