import type { Queryable } from '../db/connection-types.ts';
import { RunError } from './run-error.ts';

export interface RunSummary {
  runId: string;
  programId: string;
  label: string;
  periodStart: string;
  periodEnd: string;
  kind: 'provisional' | 'final';
  status: 'running' | 'succeeded' | 'failed';
  trigger: string;
  programVersion: number | null;
  watermark: string | null;
  facts: number | null;
  lines: string | null;
  earners: number | null;
  total: string | null;
  unit: string | null;
  postings: number;
  timings: Record<string, number>;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface RunRow {
  run_id: string;
  program_id: string;
  label: string;
  period_start: string;
  period_end: string;
  kind: RunSummary['kind'];
  status: RunSummary['status'];
  trigger: string;
  program_version: number | null;
  watermark: string | null;
  facts: number | null;
  lines: string | null;
  earners: number | null;
  total: string | null;
  unit: string | null;
  postings: number;
  timings: Record<string, number>;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

const COLUMNS = `run_id::text as run_id, program_id, label, period_start::text as period_start,
  period_end::text as period_end, kind, status, trigger, program_version, watermark::text as watermark, facts,
  lines::text as lines, earners, total::text as total, unit, postings, timings, error, started_at, finished_at`;

function summaryOf(row: RunRow): RunSummary {
  return {
    runId: row.run_id,
    programId: row.program_id,
    label: row.label,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    kind: row.kind,
    status: row.status,
    trigger: row.trigger,
    programVersion: row.program_version === null ? null : Number(row.program_version),
    watermark: row.watermark,
    facts: row.facts === null ? null : Number(row.facts),
    lines: row.lines,
    earners: row.earners === null ? null : Number(row.earners),
    total: row.total,
    unit: row.unit,
    postings: Number(row.postings),
    timings: row.timings,
    error: row.error,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
  };
}

export async function listRuns(
  q: Queryable,
  filter: { programId?: string | undefined; limit: number },
): Promise<RunSummary[]> {
  const { rows } = await q.query<RunRow>(
    `select ${COLUMNS} from calc_runs where ($1::text is null or program_id = $1) order by calc_runs.run_id desc limit $2`,
    [filter.programId ?? null, filter.limit],
  );
  return rows.map(summaryOf);
}

export interface RunDetail extends RunSummary {
  results: { participantType: string; participantId: string; amount: string; unit: string; payoutDue: string | null }[];
  postingsMade: {
    participantType: string;
    participantId: string;
    kind: string;
    delta: string;
    postedPeriod: string;
    transactionKey: string;
  }[];
}

export async function showRun(q: Queryable, runId: string): Promise<RunDetail> {
  if (!/^\d+$/.test(runId)) throw new RunError('run_missing', `run "${runId}" is not a run id (a number)`);
  const { rows } = await q.query<RunRow>(`select ${COLUMNS} from calc_runs where run_id = $1`, [runId]);
  if (!rows[0]) throw new RunError('run_missing', `run ${runId} does not exist`);
  const [results, postings] = await Promise.all([
    q.query<{
      participant_type: string;
      participant_id: string;
      amount: string;
      unit: string;
      payout_due: string | null;
    }>(
      `select participant_type, participant_id, amount::text as amount, unit, payout_due::text as payout_due
       from run_results where run_id = $1 order by participant_type, participant_id`,
      [runId],
    ),
    q.query<{
      participant_type: string;
      participant_id: string;
      kind: string;
      delta: string;
      posted_period_label: string;
      transaction_key: string;
    }>(
      `select participant_type, participant_id, kind, delta::text as delta, posted_period_label, transaction_key
       from earning_postings where run_id = $1 order by posting_id`,
      [runId],
    ),
  ]);
  return {
    ...summaryOf(rows[0]),
    results: results.rows.map((r) => ({
      participantType: r.participant_type,
      participantId: r.participant_id,
      amount: r.amount,
      unit: r.unit,
      payoutDue: r.payout_due,
    })),
    postingsMade: postings.rows.map((p) => ({
      participantType: p.participant_type,
      participantId: p.participant_id,
      kind: p.kind,
      delta: p.delta,
      postedPeriod: p.posted_period_label,
      transactionKey: p.transaction_key,
    })),
  };
}
