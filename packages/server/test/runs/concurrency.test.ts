import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.ts';
import type { SpurDb } from '../../src/db/connection-types.ts';
import { runCalculation } from '../../src/runs/run-calculation.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { activeProgram, importLines, MONTHLY_CASH, seedSmallChannel } from './small-fixture.ts';

let db: TestDb;
let other: SpurDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  // A second pool on the server (another process's view); PGlite has one connection, so the same db.
  other = db.url ? await openDatabase({ databaseUrl: db.url, dataDir: '' }) : db;
  dir = await mkdtemp(join(tmpdir(), 'spur-concurrent-'));
  await seedSmallChannel(db);
  await activeProgram(db, MONTHLY_CASH);
}, 60_000);

afterAll(async () => {
  if (other !== db) await other?.close();
  await db?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two runs of the same program period at once', () => {
  it('produce one result: the ledger holds each earning once and one run finds nothing to post', async () => {
    for (let round = 0; round < 3; round++) {
      await importLines(db, dir, [
        { lineId: `C${round}-1`, date: '2026-03-05', reseller: 'R-1', quantity: 2 + round },
        { lineId: `C${round}-2`, date: '2026-03-06', reseller: 'R-2', quantity: 1 },
      ]);
      const [first, second] = await Promise.all([
        runCalculation(db, { programId: 'monthly-cash', period: '2026-03', trigger: 'test' }),
        runCalculation(other, { programId: 'monthly-cash', period: '2026-03', trigger: 'test' }),
      ]);
      const posted = [first.postings.length, second.postings.length].sort();
      expect(posted).toEqual([0, 2]);
    }
    const { rows } = await db.query<{ participant_id: string; amount: string; postings: number }>(
      `select e.participant_id, e.amount::numeric(20, 2)::text as amount,
         (select count(*)::int from earning_postings p where p.participant_id = e.participant_id) as postings
       from earnings e order by 1`,
    );
    expect(rows).toEqual([
      { participant_id: 'R-1', amount: '90.00', postings: 3 },
      { participant_id: 'R-2', amount: '30.00', postings: 3 },
    ]);
  });

  it('refuses a second running row of the same program period in the database itself', async () => {
    await db.query(
      `insert into calc_runs (program_id, period_start, period_end, label, kind, trigger)
       values ('monthly-cash', '2026-04-01', '2026-04-30', '2026-04', 'provisional', 'test')`,
    );
    await expect(
      db.query(
        `insert into calc_runs (program_id, period_start, period_end, label, kind, trigger)
         values ('monthly-cash', '2026-04-01', '2026-04-30', '2026-04', 'provisional', 'test')`,
      ),
    ).rejects.toThrow(/calc_runs_one_running_idx/);
  });
});
