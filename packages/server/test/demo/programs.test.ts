import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/demo/load.ts';
import { loadDemoPrograms } from '../../src/demo/programs.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

describe(`the example programs of the first start on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await loadDemoData(db, { lines: 4000, seed: 5 });
  }, 180_000);
  afterAll(async () => {
    await db?.destroy();
  });

  it('applies and activates the three example programs and calculates every period up to the last sale', async () => {
    const report = await loadDemoPrograms(db);
    expect(report.programs).toEqual(['10hoch4', 'cashpaq', 'channelvalue']);
    const { rows: programs } = await db.query<{ program_id: string; status: string }>(
      'select program_id, status from programs order by program_id',
    );
    expect(programs.map((p) => p.status)).toEqual(['active', 'active', 'active']);
    const { rows: runs } = await db.query<{ n: string }>(
      "select count(*)::text as n from calc_runs where status = 'succeeded'",
    );
    expect(Number(runs[0]!.n)).toBe(report.runs);
    // A year of demo sell-out: 4 quarters twice, and the 30-day periods of 2026.
    expect(report.runs).toBeGreaterThanOrEqual(4 + 4 + 12);
  }, 180_000);

  it('leaves earnings the portal can show, for reps and partners', async () => {
    const { rows } = await db.query<{ participant_type: string }>(
      'select distinct participant_type from earnings order by 1',
    );
    expect(rows.map((row) => row.participant_type)).toEqual(['partner', 'user']);
  });
});
