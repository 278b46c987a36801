import { addDays, type Period, periodOf, periodsOf, scheduleOf } from '@spur/engine';
import type { Queryable, SpurDb } from '../db/connection-types.ts';
import { getVersion, listPrograms } from '../programs/program-store.ts';
import { listPeriodStates } from '../runs/program-periods.ts';
import { TOUCHED_DATES_SQL, takeUnprocessedImports } from '../sellout/import-consumers.ts';

/** A calculation a job will run. */
export interface PlannedRun {
  programId: string;
  /** The period's first day (an ISO date names the period unambiguously). */
  period: string;
  final: boolean;
  trigger: 'schedule' | 'import' | 'finalize';
}

async function activePrograms(q: Queryable) {
  const active = [];
  for (const stored of (await listPrograms(q)).filter((p) => p.status === 'active')) {
    active.push({ stored, program: (await getVersion(q, stored.programId, stored.currentVersion)).program });
  }
  return active;
}

/** The weekly schedule: every period of every active program from its start through today that is not final. */
export async function planProvisionalRuns(q: Queryable, today: string): Promise<PlannedRun[]> {
  const planned: PlannedRun[] = [];
  for (const { stored, program } of await activePrograms(q)) {
    const finals = new Set(
      (await listPeriodStates(q, stored.programId)).filter((s) => s.status === 'final').map((s) => s.periodStart),
    );
    for (const period of periodsOf(scheduleOf(program), today)) {
      if (!finals.has(period.start)) {
        planned.push({ programId: stored.programId, period: period.start, final: false, trigger: 'schedule' });
      }
    }
  }
  return planned;
}

/** Periods whose end plus the grace time has passed and that are not final yet. */
export async function planFinalRuns(q: Queryable, today: string, graceDays: number): Promise<PlannedRun[]> {
  const planned: PlannedRun[] = [];
  for (const { stored, program } of await activePrograms(q)) {
    const finals = new Set(
      (await listPeriodStates(q, stored.programId)).filter((s) => s.status === 'final').map((s) => s.periodStart),
    );
    for (const period of periodsOf(scheduleOf(program), today)) {
      if (!finals.has(period.start) && addDays(period.end, graceDays) < today) {
        planned.push({ programId: stored.programId, period: period.start, final: true, trigger: 'finalize' });
      }
    }
  }
  return planned;
}

/**
 * The provisional runs that sell-out imports committed since the last call make necessary: only
 * the periods of the invoice dates they wrote (and of the line versions they replaced). Final
 * periods are included: their runs post late adjustments into the next open period. Each import
 * is marked once planned, whatever order imports commit in (upload ids are reserved early).
 */
export async function planRunsAfterImports(db: SpurDb): Promise<PlannedRun[]> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['spur.import-runs']);
    const importIds = await takeUnprocessedImports(tx, 'run-planner');
    if (importIds.length === 0) return [];
    const { rows: dates } = await tx.query<{ invoice_date: string }>(
      `select distinct invoice_date::text as invoice_date from (${TOUCHED_DATES_SQL}) touched`,
      [importIds],
    );
    const planned: PlannedRun[] = [];
    for (const { stored, program } of await activePrograms(tx)) {
      const schedule = scheduleOf(program);
      const periods = new Map<string, Period>();
      for (const { invoice_date } of dates) {
        const period = periodOf(schedule, invoice_date);
        if (period) periods.set(period.start, period);
      }
      for (const start of [...periods.keys()].sort()) {
        planned.push({ programId: stored.programId, period: start, final: false, trigger: 'import' });
      }
    }
    return planned;
  });
}
