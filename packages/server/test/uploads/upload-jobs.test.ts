import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES, startBoss } from '../../src/jobs/boss.ts';
import { drainQueues } from '../../src/jobs/calc-jobs.ts';
import { loadJobSettings } from '../../src/jobs/job-settings.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { MAX_UPLOAD_ATTEMPTS, runUploadJob } from '../../src/uploads/upload-job.ts';
import { writeUploadFile } from '../../src/uploads/upload-store.ts';
import { UploadTracker } from '../../src/uploads/upload-tracker.ts';
import { testDriver } from '../helpers/test-db.ts';
import { type Client, createWorld, sessionClient, type World } from '../http/api-fixture.ts';
import { upload, waitForImport } from './upload-client.ts';

const HEADER = 'line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency';
/** The default schedules: no test here waits for a cron. */
const SETTINGS = loadJobSettings({});

/** A report of `count` new lines whose ids start with `prefix`. */
function report(prefix: string, count: number): string {
  const rows = Array.from({ length: count }, (_, i) => `${prefix}${i},2026-02-0${(i % 9) + 1},RES-A,SRV-1,1,10.00,EUR`);
  return [HEADER, ...rows].join('\n');
}

/**
 * The API here runs no worker, as an API process beside separate `spur worker` processes: an
 * accepted upload waits in the database until a worker takes it.
 */
describe(`sell-out uploads through the job queue on ${testDriver}`, () => {
  let world: World;
  let admin: Client;
  let dir: string;
  const quietJob = { tracker: new UploadTracker(), log: () => {} };

  beforeAll(async () => {
    world = await createWorld();
    admin = await sessionClient(world, world.userIds.distributor_admin);
    dir = await mkdtemp(join(tmpdir(), 'spur-upload-jobs-'));
    await world.db.query(
      "insert into products (sku, name, family, category) values ('SRV-1', 'Server', 'SERVER', 'hw')",
    );
  });
  afterAll(async () => {
    await world?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function accept(fileName: string, content: string): Promise<string> {
    const accepted = await upload(world.app, admin, fileName, content);
    expect(accepted.statusCode, accepted.body).toBe(202);
    return JSON.parse(accepted.body).import_id;
  }

  async function status(importId: string) {
    return JSON.parse((await admin.request('GET', `/api/v1/sellout/imports/${importId}`)).body);
  }

  async function storedLines(prefix: string): Promise<number> {
    const { rows } = await world.db.query<{ n: string }>(
      "select count(*)::text as n from sellout_lines where distributor_id = 'DIST-A' and line_id like $1",
      [`${prefix}%`],
    );
    return Number(rows[0]!.n);
  }

  it('keeps an accepted upload, file and job, until a worker started later imports it', async () => {
    const content = report('Q', 40);
    const importId = await accept('queued.csv', content);
    expect(await status(importId)).toMatchObject({ status: 'running', phase: 'queued', lines_read: 0, fraction: 0 });
    const copy = join(dir, 'stored.csv');
    await writeUploadFile(world.db, importId, copy);
    expect(await readFile(copy, 'utf8')).toBe(content);

    // Progress written by a worker in another process is what any API process answers with.
    await world.db.query(
      "update sellout_uploads set state = 'running', lines_read = 20, bytes_read = bytes_total / 2 where import_id = $1",
      [importId],
    );
    const running = await status(importId);
    expect(running).toMatchObject({ status: 'running', phase: 'reading', lines_read: 20 });
    expect(running.fraction).toBeCloseTo(0.5, 2);

    const worker = await startWorker(world.db, SETTINGS, {
      concurrency: 1,
      log: () => {},
      pollingIntervalSeconds: 0.5,
    });
    try {
      expect(await waitForImport(admin, importId)).toMatchObject({ status: 'finished', imported: 40, lines_read: 40 });
    } finally {
      await worker.stop();
    }
    expect(await storedLines('Q')).toBe(40);
    const left = await world.db.query('select 1 from sellout_uploads where import_id = $1', [importId]);
    expect(left.rows).toEqual([]);
    const chunks = await world.db.query('select 1 from sellout_upload_chunks where import_id = $1', [importId]);
    expect(chunks.rows).toEqual([]);
  });

  it('imports queued uploads when the queue is drained (spur worker --drain)', async () => {
    const importId = await accept('drained.csv', report('W', 8));
    const boss = await startBoss(world.db, { schedule: false, supervise: false });
    try {
      const result = await drainQueues(boss, world.db, SETTINGS);
      expect(result.failed).toBe(0);
      expect(result.processed).toBeGreaterThanOrEqual(1);
    } finally {
      await boss.stop({ graceful: false, close: false, wait: true });
    }
    expect(await status(importId)).toMatchObject({ status: 'finished', imported: 8 });
    expect(await storedLines('W')).toBe(8);
  });

  it("stores an upload and its job without dropping the API's caches (only the import's commit does)", async () => {
    let writes = 0;
    const unsubscribe = world.db.onCommittedWrite(() => writes++);
    let importId: string;
    try {
      importId = await accept('cache-neutral.csv', report('N', 4));
      expect(writes).toBe(0);
      expect(await runUploadJob(world.db, importId, quietJob)).toBe('finished');
    } finally {
      unsubscribe();
    }
    // The import's own transaction wrote sell-out lines: that one commit counts.
    expect(writes).toBe(1);
  });

  it('starts an attempt that died mid-import over, storing every line once', async () => {
    const importId = await accept('died.csv', report('D', 25));
    // What a worker killed mid-import leaves: the upload marked running, nothing of the import.
    await world.db.query("update sellout_uploads set state = 'running', attempts = 1 where import_id = $1", [importId]);
    expect(await runUploadJob(world.db, importId, quietJob)).toBe('finished');
    expect(await storedLines('D')).toBe(25);
    expect(await status(importId)).toMatchObject({ status: 'finished', imported: 25 });
  });

  it('forgets a failed attempt in this process even when the database is what failed, and the next attempt imports it', async () => {
    const importId = await accept('flaky.csv', report('F', 6));
    const tracker = new UploadTracker();
    // The database as an attempt sees it when the connection is lost: the import's transaction
    // fails, and so does the statement that would mark the upload as waiting again.
    const lost = () => Promise.reject(new Error('connection lost'));
    const failing = new Proxy(world.db, {
      get(target, key, receiver) {
        if (key === 'transaction') return lost;
        if (key === 'query') {
          return (text: string, params?: unknown[]) =>
            text.includes("set state = 'queued'") ? lost() : target.query(text, params);
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(runUploadJob(failing, importId, { tracker, log: () => {} })).rejects.toThrow('connection lost');
    // No stale "running" answer from this process's tracker; the row says what the database knows.
    expect(tracker.get(importId)).toBeUndefined();
    expect(await storedLines('F')).toBe(0);
    expect(await runUploadJob(world.db, importId, { tracker, log: () => {} })).toBe('finished');
    expect(await storedLines('F')).toBe(6);
    expect(await status(importId)).toMatchObject({ status: 'finished', imported: 6 });
  });

  it('only cleans up after an attempt that committed the import and died before it could', async () => {
    const importId = await accept('committed.csv', report('C', 10));
    const file = join(dir, 'committed.csv');
    await writeUploadFile(world.db, importId, file);
    await importSellOutFile(world.db, { file, distributorId: 'DIST-A', importId, fileName: 'committed.csv' });
    expect(await runUploadJob(world.db, importId, quietJob)).toBe('finished');
    expect(await storedLines('C')).toBe(10);
    const audit = await world.db.query<{ actor: string }>(
      "select actor from audit_log where action = 'sellout_uploaded' and entity_id = $1",
      [importId],
    );
    expect(audit.rows).toEqual([{ actor: world.userIds.distributor_admin }]);
    expect(await status(importId)).toMatchObject({ status: 'finished', imported: 10, duplicates: 0 });
  });

  it(`fails an upload for good after ${MAX_UPLOAD_ATTEMPTS} attempts the server lost, keeping why and dropping the file`, async () => {
    const importId = await accept('cursed.csv', report('X', 5));
    await world.db.query('update sellout_uploads set attempts = $2 where import_id = $1', [
      importId,
      MAX_UPLOAD_ATTEMPTS,
    ]);
    expect(await runUploadJob(world.db, importId, quietJob)).toBe('failed');
    expect(await status(importId)).toMatchObject({
      status: 'failed',
      phase: null,
      error: {
        code: 'internal_error',
        message: `the import failed ${MAX_UPLOAD_ATTEMPTS} times on the server; it was logged`,
      },
    });
    expect(await storedLines('X')).toBe(0);
    const chunks = await world.db.query('select 1 from sellout_upload_chunks where import_id = $1', [importId]);
    expect(chunks.rows).toEqual([]);
    // A later delivery of the same job changes nothing.
    expect(await runUploadJob(world.db, importId, quietJob)).toBe('gone');
  });

  it('keeps the reason of a refused file where every process can read it', async () => {
    const importId = await accept(
      'no-sku.csv',
      'line_id,invoice_date,reseller_id,quantity,net_amount,currency\nM1,2026-01-05,RES-A,1,10.00,EUR',
    );
    expect(await runUploadJob(world.db, importId, quietJob)).toBe('failed');
    const failed = await status(importId);
    expect(failed).toMatchObject({ status: 'failed', file_name: 'no-sku.csv', error: { code: 'missing_column' } });
    expect(failed.error.message).toContain('no-sku.csv');
    expect(failed.error.message).not.toContain(tmpdir());
  });

  it('lists queued and refused uploads in the history beside finished imports, newest first, paged across both', async () => {
    const queued = await accept('waiting.csv', report('H', 3));
    // Another distributor's upload waiting in the queue: never shown to this distributor.
    await world.db.query(
      `insert into sellout_uploads (import_id, distributor_id, file_name, uploaded_by, bytes_total, max_lines)
       values (nextval(pg_get_serial_sequence('sellout_imports', 'import_id')), 'DIST-B', 'bsecret.csv', 'someone', 10, 10)`,
    );
    const seen: { import_id: string; status: string; file_name: string; error: { code: string } | null }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/sellout/imports?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = JSON.parse((await admin.request('GET', url)).body);
      seen.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor);
    const ids = seen.map((item) => Number(item.import_id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(seen[0]).toMatchObject({ import_id: queued, status: 'running', file_name: 'waiting.csv' });
    expect(seen.find((item) => item.file_name === 'no-sku.csv')).toMatchObject({
      status: 'failed',
      error: { code: 'missing_column' },
    });
    expect(seen.find((item) => item.file_name === 'queued.csv')).toMatchObject({ status: 'finished' });
    expect(JSON.stringify(seen)).not.toContain('bsecret');
  });

  it.runIf(testDriver === 'pglite')(
    'gives an upload job a process took and never finished back to the queue when a worker starts (PGlite)',
    async () => {
      const importId = await accept('orphan.csv', report('O', 12));
      // A process takes the job and ends without finishing it (on PGlite no other process can still run it).
      const boss = await startBoss(world.db, { schedule: false, supervise: false });
      const taken = await boss.fetch(QUEUES.uploads, { batchSize: 100 });
      expect(taken.map((job) => (job.data as { importId: string }).importId)).toContain(importId);
      await boss.stop({ graceful: false, close: false, wait: true });

      const worker = await startWorker(world.db, SETTINGS, {
        concurrency: 1,
        log: () => {},
        pollingIntervalSeconds: 0.5,
      });
      try {
        expect(await waitForImport(admin, importId)).toMatchObject({ status: 'finished', imported: 12 });
      } finally {
        await worker.stop();
      }
    },
  );
});
