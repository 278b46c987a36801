import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELLOUT_HEADER } from '../../src/demo/sellout.ts';
import { QUEUES, startBoss } from '../../src/jobs/boss.ts';
import { drainQueues } from '../../src/jobs/calc-jobs.ts';
import { type JobSettings, loadJobSettings, todayIn } from '../../src/jobs/job-settings.ts';
import { planFinalRuns, planProvisionalRuns } from '../../src/jobs/planner.ts';
import { importSellOutFile, reserveImportId } from '../../src/sellout/import-service.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { activeProgram, importLines, MONTHLY_CASH, seedSmallChannel } from '../runs/small-fixture.ts';

let db: TestDb;
let boss: PgBoss;
let dir: string;
const settings: JobSettings = { provisionalCron: '0 6 * * 1', timeZone: 'Europe/Stockholm', finalGraceDays: 10 };

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'spur-jobs-'));
  await seedSmallChannel(db);
  await activeProgram(db, MONTHLY_CASH);
  boss = await startBoss(db, { schedule: false, supervise: false });
}, 60_000);

afterAll(async () => {
  await boss?.stop({ graceful: false, close: false, wait: true });
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function runs() {
  const { rows } = await db.query<{ label: string; kind: string; trigger: string; postings: number }>(
    'select label, kind, trigger, postings from calc_runs order by run_id',
  );
  return rows;
}

/** Jobs queued together run in no fixed order; what matters is which periods ran. */
function byLabel<Run extends { label: string }>(list: Run[]): Run[] {
  return [...list].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

describe('the job queue (pg-boss on our database handle)', () => {
  it('runs after an import only the periods whose lines it wrote', async () => {
    await importLines(db, dir, [
      { lineId: 'J1', date: '2026-01-10', reseller: 'R-1', quantity: 2 },
      { lineId: 'J2', date: '2026-03-02', reseller: 'R-2', quantity: 1 },
    ]);
    await boss.send(QUEUES.imports, {});
    const result = await drainQueues(boss, db, settings);
    expect(result).toEqual({ processed: 3, failed: 0 });
    expect(byLabel(await runs())).toEqual([
      { label: '2026-01', kind: 'provisional', trigger: 'import', postings: 1 },
      { label: '2026-03', kind: 'provisional', trigger: 'import', postings: 1 },
    ]);
  });

  it('plans nothing after imports when no new import committed', async () => {
    await boss.send(QUEUES.imports, {});
    expect(await drainQueues(boss, db, settings)).toEqual({ processed: 1, failed: 0 });
    expect((await runs()).length).toBe(2);
  });

  it('follows a correction of a line into its period', async () => {
    await importLines(db, dir, [{ lineId: 'J1', date: '2026-02-10', reseller: 'R-1', quantity: 2 }]);
    await boss.send(QUEUES.imports, {});
    await drainQueues(boss, db, settings);
    // The line moved from January to February: both periods are recalculated.
    expect(byLabel((await runs()).slice(2))).toEqual([
      { label: '2026-01', kind: 'provisional', trigger: 'import', postings: 1 },
      { label: '2026-02', kind: 'provisional', trigger: 'import', postings: 1 },
    ]);
  });

  it('plans weekly provisional runs of every open period through today', async () => {
    const planned = await planProvisionalRuns(db, '2026-03-16');
    expect(planned.map((p) => p.period)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
  });

  it('closes periods with a final run once the grace time after their end has passed', async () => {
    expect((await planFinalRuns(db, '2026-02-10', 10)).map((p) => p.period)).toEqual([]);
    expect((await planFinalRuns(db, '2026-02-11', 10)).map((p) => p.period)).toEqual(['2026-01-01']);
    await boss.send(QUEUES.finalize, {});
    await drainQueues(boss, db, settings, new Date('2026-03-20T12:00:00Z'));
    const { rows } = await db.query<{ label: string; status: string }>(
      'select label, status from program_periods order by period_start',
    );
    expect(rows).toEqual([
      { label: '2026-01', status: 'final' },
      { label: '2026-02', status: 'final' },
      { label: '2026-03', status: 'open' },
    ]);
  });

  it('plans the runs of an upload that commits after a later-numbered import', async () => {
    // Uploads reserve their id on arrival; a slow one commits after a faster, higher-numbered one.
    const slowUploadId = await reserveImportId(db);
    await importLines(db, dir, [{ lineId: 'J3', date: '2026-04-10', reseller: 'R-1', quantity: 1 }]);
    await boss.send(QUEUES.imports, {});
    await drainQueues(boss, db, settings);
    const file = join(dir, 'slow-upload.csv');
    await writeFile(file, `${SELLOUT_HEADER}D-1,J4,2026-05-10,R-1,,SKU-A,1,100.00,EUR\n`);
    await importSellOutFile(db, { file, distributorId: 'D-1', importId: slowUploadId });
    await boss.send(QUEUES.imports, {});
    await drainQueues(boss, db, settings);
    expect(byLabel((await runs()).slice(-2))).toEqual([
      { label: '2026-04', kind: 'provisional', trigger: 'import', postings: 1 },
      { label: '2026-05', kind: 'provisional', trigger: 'import', postings: 1 },
    ]);
  });

  it('reads the schedule, time zone and grace time from the environment, rejecting bad values', () => {
    expect(loadJobSettings({})).toEqual({ provisionalCron: '0 6 * * 1', timeZone: 'UTC', finalGraceDays: 10 });
    expect(() => loadJobSettings({ SPUR_RUN_TIMEZONE: 'Mars/Olympus' })).toThrow(/SPUR_RUN_TIMEZONE/);
    expect(() => loadJobSettings({ SPUR_FINAL_GRACE_DAYS: '-1' })).toThrow(/SPUR_FINAL_GRACE_DAYS/);
    expect(todayIn('Europe/Stockholm', new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
  });
});
