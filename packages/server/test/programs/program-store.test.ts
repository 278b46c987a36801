import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyProgram,
  changeProgramStatus,
  listVersions,
  subPrograms,
  versionForPeriod,
} from '../../src/programs/program-store.ts';
import { ProgramStoreError } from '../../src/programs/program-store-error.ts';
import { runCalculation } from '../../src/runs/run-calculation.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { MONTHLY_CASH, seedSmallChannel } from '../runs/small-fixture.ts';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
  await seedSmallChannel(db);
}, 60_000);

afterAll(async () => {
  await db?.destroy();
});

const apply = (text: string, extra: { effectiveFrom?: string; parentProgramId?: string } = {}) =>
  applyProgram(db, { text, source: 'program.yaml', ...extra });

async function errorOf(promise: Promise<unknown>): Promise<ProgramStoreError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProgramStoreError) return error;
    throw error;
  }
  throw new Error('expected a ProgramStoreError');
}

describe('the program store', () => {
  it('creates a program as a draft with version 1', async () => {
    const result = await apply(MONTHLY_CASH);
    expect(result).toMatchObject({ outcome: 'created', version: 1, effectiveFrom: '2026-01-01' });
    expect(result.program.status).toBe('draft');
  });

  it('stores no new version when only comments and formatting change', async () => {
    const result = await apply(`# the same rules\n${MONTHLY_CASH}\n`);
    expect(result).toMatchObject({ outcome: 'unchanged', version: 1 });
  });

  it('rejects an invalid document naming the path and keeps nothing', async () => {
    const error = await errorOf(apply(MONTHLY_CASH.replace('SKU-A: 10', 'SKU-A: ten')));
    expect(error.code).toBe('program_invalid');
    expect(error.message).toContain('rewards[0].amounts.SKU-A');
    expect((await listVersions(db, 'monthly-cash')).length).toBe(1);
  });

  it('moves draft -> active -> closed and refuses other transitions', async () => {
    expect((await errorOf(changeProgramStatus(db, 'monthly-cash', 'close'))).code).toBe('program_status');
    expect((await changeProgramStatus(db, 'monthly-cash', 'activate')).status).toBe('active');
  });

  it('gives an active program a new version from a date; final periods keep the version they were closed with', async () => {
    await runCalculation(db, { programId: 'monthly-cash', period: '2026-01', final: true, trigger: 'test' });
    const early = await errorOf(apply(MONTHLY_CASH.replace('SKU-A: 10', 'SKU-A: 12'), { effectiveFrom: '2026-01-15' }));
    expect(early.code).toBe('effective_before_final');
    const changed = await apply(MONTHLY_CASH.replace('SKU-A: 10', 'SKU-A: 12'), { effectiveFrom: '2026-03-10' });
    expect(changed).toMatchObject({ outcome: 'new_version', version: 2, effectiveFrom: '2026-03-01' });
    expect((await versionForPeriod(db, 'monthly-cash', '2026-02-01')).version).toBe(1);
    expect((await versionForPeriod(db, 'monthly-cash', '2026-03-01')).version).toBe(2);
    const defaulted = await apply(MONTHLY_CASH.replace('SKU-A: 10', 'SKU-A: 15'));
    expect(defaulted).toMatchObject({ version: 3, effectiveFrom: '2026-02-01' });
    const january = await runCalculation(db, { programId: 'monthly-cash', period: '2026-01', trigger: 'test' });
    expect(january.programVersion).toBe(1);
    const february = await runCalculation(db, { programId: 'monthly-cash', period: '2026-02', trigger: 'test' });
    expect(february.programVersion).toBe(3);
  });

  it('hangs a sub-program under its parent with a budget of its own, and never moves it', async () => {
    const sub = MONTHLY_CASH.replace('id: monthly-cash', 'id: monthly-cash-cofunded').replace(
      'payout_due_days: 14',
      'payout_due_days: 14\nbudget: { amount: 500, policy: pro_rata }',
    );
    const created = await apply(sub, { parentProgramId: 'monthly-cash' });
    expect(created.program.parentProgramId).toBe('monthly-cash');
    expect((await subPrograms(db, 'monthly-cash')).map((p) => p.programId)).toEqual(['monthly-cash-cofunded']);
    expect((await errorOf(apply(sub, { parentProgramId: 'nowhere' }))).code).toBe('parent_missing');
    const top = await errorOf(
      apply(sub.replace('SKU-A: 10', 'SKU-A: 11'), { parentProgramId: 'monthly-cash-cofunded' }),
    );
    expect(top.code).toBe('parent_changed');
  });

  it('refuses runs of a draft program', async () => {
    await expect(
      runCalculation(db, { programId: 'monthly-cash-cofunded', period: '2026-01', trigger: 'test' }),
    ).rejects.toThrow(/draft/);
  });

  it('takes no new version once closed', async () => {
    await changeProgramStatus(db, 'monthly-cash', 'close');
    expect((await errorOf(apply(MONTHLY_CASH.replace('SKU-A: 10', 'SKU-A: 99')))).code).toBe('program_status');
  });
});
