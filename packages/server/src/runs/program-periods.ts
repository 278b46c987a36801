import { addDays, type Period, type PeriodSchedule, periodOf } from '@spur/engine';
import type { Queryable } from '../db/connection-types.ts';

export interface ProgramPeriodState {
  programId: string;
  periodStart: string;
  periodEnd: string;
  label: string;
  status: 'open' | 'final';
  programVersion: number;
  /** Budget committed by provisional runs, in the program unit. */
  committed: string;
  finalRunId: string | null;
}

interface PeriodRow {
  program_id: string;
  period_start: string;
  period_end: string;
  label: string;
  status: 'open' | 'final';
  program_version: number;
  committed: string;
  final_run_id: string | null;
}

function stateOf(row: PeriodRow): ProgramPeriodState {
  return {
    programId: row.program_id,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    label: row.label,
    status: row.status,
    programVersion: Number(row.program_version),
    committed: row.committed,
    finalRunId: row.final_run_id,
  };
}

const COLUMNS = `program_id, period_start::text as period_start, period_end::text as period_end, label, status,
  program_version, committed::text as committed, final_run_id`;

export async function findPeriodState(
  q: Queryable,
  programId: string,
  periodStart: string,
): Promise<ProgramPeriodState | undefined> {
  const { rows } = await q.query<PeriodRow>(
    `select ${COLUMNS} from program_periods where program_id = $1 and period_start = $2`,
    [programId, periodStart],
  );
  return rows[0] && stateOf(rows[0]);
}

export async function listPeriodStates(q: Queryable, programId: string): Promise<ProgramPeriodState[]> {
  const { rows } = await q.query<PeriodRow>(
    `select ${COLUMNS} from program_periods where program_id = $1 order by period_start`,
    [programId],
  );
  return rows.map(stateOf);
}

/**
 * The period a change to a final period posts into: the first later period that is not final.
 * Undefined when the program ends before one (the change then stays with the final period).
 */
export async function nextOpenPeriod(
  q: Queryable,
  programId: string,
  schedule: PeriodSchedule,
  after: Period,
): Promise<Period | undefined> {
  const finals = new Set(
    (await listPeriodStates(q, programId)).filter((s) => s.status === 'final').map((s) => s.periodStart),
  );
  let candidate = periodOf(schedule, addDays(after.end, 1));
  while (candidate !== undefined && finals.has(candidate.start))
    candidate = periodOf(schedule, addDays(candidate.end, 1));
  return candidate;
}
