import {
  aggregateSpec,
  Decimal,
  EngineError,
  formatAmount,
  isCashUnit,
  type Period,
  type PricingResult,
  type Program,
  parsePeriod,
  periodOf,
  periodsOf,
  price,
  type SellOutFact,
  scheduleOf,
} from '@spur/engine';
import { moveBudget, setBudget } from '../budgets/budgets.ts';
import type { Queryable, SpurDb, Tx } from '../db/connection-types.ts';
import { createPayout } from '../ledger/payouts.ts';
import { getProgram, getVersion, type StoredProgram, versionForPeriod } from '../programs/program-store.ts';
import { refreshSummaries } from '../summaries/refresh-summaries.ts';
import { loadMasterData } from './master-data.ts';
import { type EarningPosting, postEarningDifferences } from './post-earnings.ts';
import { findPeriodState, nextOpenPeriod } from './program-periods.ts';
import { RunError } from './run-error.ts';
import { aggregateInSql, aggregateRangeInSql } from './sql-aggregate.ts';

export type RunKind = 'provisional' | 'final';
export type RunTrigger = 'cli' | 'schedule' | 'import' | 'finalize' | 'api' | 'test';

export interface RunRequest {
  programId: string;
  /** `2026-03`, `2026-Q1`, `2026-W05` or an ISO date inside the period. */
  period: string;
  /** Closes the period; without it a run is always provisional. */
  final?: boolean;
  trigger: RunTrigger;
}

export interface RunReport {
  runId: string;
  programId: string;
  period: Period;
  kind: RunKind;
  programVersion: number;
  watermark: string;
  facts: number;
  lines: number;
  earners: number;
  total: string;
  unit: string;
  /** Ledger postings (earnings, adjustments, late adjustments) this run wrote; empty when nothing changed. */
  postings: EarningPosting[];
  /** True when the period was already final before this run (differences went to a later period). */
  periodWasFinal: boolean;
  payouts: number;
  timings: Record<string, number>;
}

function elapsed(started: bigint): number {
  return Number((process.hrtime.bigint() - started) / 1_000_000n);
}

/** The period named by `text` in the schedule of the program's current version. */
export async function resolvePeriod(q: Queryable, stored: StoredProgram, text: string): Promise<Period> {
  const current = await getVersion(q, stored.programId, stored.currentVersion);
  try {
    return parsePeriod(scheduleOf(current.program), text);
  } catch (error) {
    if (error instanceof EngineError) throw new RunError('invalid_period', `${stored.programId}: ${error.message}`);
    throw error;
  }
}

/**
 * What sell-out a run saw: `watermark` is the highest committed import id (recorded with the run);
 * `inputs` adds the number of committed imports, because uploads reserve ids on arrival and may
 * commit out of id order: imports are append-only, so any commit changes the count.
 */
async function readWatermark(q: Queryable): Promise<{ watermark: string; inputs: string }> {
  const { rows } = await q.query<{ watermark: string; imports: string }>(
    'select coalesce(max(import_id), 0)::text as watermark, count(*)::text as imports from sellout_imports',
  );
  const watermark = rows[0]!.watermark;
  return { watermark, inputs: `${watermark}/${rows[0]!.imports}` };
}

/** Serializes runs of one program period across every connection and process. */
async function lockProgramPeriod(tx: Tx, programId: string, periodStart: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
    'spur.calc',
    `${programId}|${periodStart}`,
  ]);
}

async function programForPeriod(tx: Tx, programId: string, period: Period) {
  const state = await findPeriodState(tx, programId, period.start);
  const version =
    state?.status === 'final'
      ? await getVersion(tx, programId, state.programVersion)
      : await versionForPeriod(tx, programId, period.start);
  const own = periodOf(scheduleOf(version.program), period.start);
  if (own?.start !== period.start || own.end !== period.end) {
    throw new RunError(
      'version_period_mismatch',
      `${programId} version ${version.version} cuts time differently: ${period.label} is not one of its periods`,
    );
  }
  return { state, version };
}

/** Provisional runs commit the period's budget, final runs book it; later changes to a final period book there too. */
async function moveProgramBudget(
  tx: Tx,
  program: Program,
  runId: string,
  period: Period,
  committedBefore: Decimal,
  total: Decimal,
  mode: 'provisional' | 'final' | 'late',
  lateDelta: Decimal,
): Promise<Decimal> {
  const budget = program.budget;
  if (budget === undefined || budget.policy === 'none') return committedBefore;
  await setBudget(tx, { programId: program.id, period: period.label, unit: program.unit, amount: budget.amount });
  const use = Decimal.max(total, Decimal.ZERO);
  const format = (value: Decimal) => formatAmount(value, program.unit);
  if (mode === 'provisional') {
    const change = use.minus(committedBefore);
    if (!change.isZero()) {
      await moveBudget(tx, {
        key: `run:${runId}:commit`,
        programId: program.id,
        period: period.label,
        committed: format(change),
        reason: `provisional run ${runId}`,
      });
    }
    return use;
  }
  if (mode === 'final') {
    await moveBudget(tx, {
      key: `run:${runId}:book`,
      programId: program.id,
      period: period.label,
      committed: format(committedBefore.negated()),
      booked: format(use),
      reason: `final run ${runId}`,
    });
    return Decimal.ZERO;
  }
  if (!lateDelta.isZero()) {
    await moveBudget(tx, {
      key: `run:${runId}:late`,
      programId: program.id,
      period: period.label,
      booked: format(lateDelta),
      reason: `late adjustments of run ${runId}`,
    });
  }
  return committedBefore;
}

/** Cash earnings posted into a period that is now final get a payout due (pending -> approved -> paid). */
async function createPayoutsDue(tx: Tx, program: Program, period: Period): Promise<number> {
  if (!isCashUnit(program.unit) || program.payout_due_days === undefined) return 0;
  const dueDate = formatDue(period.end, program.payout_due_days);
  const { rows } = await tx.query<{
    participant_type: 'partner' | 'user';
    participant_id: string;
    amount: string;
    latest_key: string;
  }>(
    `select participant_type, participant_id, sum(delta)::text as amount,
       (array_agg(transaction_key order by posting_id desc))[1] as latest_key
     from earning_postings where program_id = $1 and posted_period_start = $2
     group by participant_type, participant_id having sum(delta) > 0
     order by participant_type, participant_id`,
    [program.id, period.start],
  );
  for (const row of rows) {
    await createPayout(tx, {
      key: `${program.id}:${period.start}:${row.participant_type}:${row.participant_id}`,
      earningKey: row.latest_key,
      programId: program.id,
      period: period.label,
      participant: { type: row.participant_type, id: row.participant_id },
      unit: program.unit,
      amount: formatAmount(Decimal.parse(row.amount), program.unit),
      dueDate,
    });
  }
  return rows.length;
}

function formatDue(periodEnd: string, days: number): string {
  const date = new Date(`${periodEnd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function insertResults(tx: Tx, runId: string, result: PricingResult): Promise<void> {
  if (result.earnings.length === 0) return;
  await tx.query(
    `insert into run_results (run_id, participant_type, participant_id, amount, unit, payout_due, explanation)
     select $1, r.participant_type, r.participant_id, r.amount, r.unit, r.payout_due, r.explanation::jsonb
     from jsonb_to_recordset($2::jsonb) as r (participant_type text, participant_id text, amount numeric, unit text,
       payout_due date, explanation text)`,
    [
      runId,
      JSON.stringify(
        result.earnings.map((e) => ({
          participant_type: e.participantType,
          participant_id: e.participantId,
          amount: e.amount,
          unit: e.unit,
          payout_due: e.payoutDue,
          explanation: JSON.stringify(e.explanation),
        })),
      ),
    ],
  );
}

/**
 * Calculates one program period from the stored sell-out: aggregates in SQL, prices with the
 * engine, posts only the differences to the ledger, moves the budget, refreshes the summaries.
 * Runs of the same program period are serialized by an advisory lock, so two at once give one
 * result: the second finds nothing changed.
 */
export async function runCalculation(db: SpurDb, request: RunRequest): Promise<RunReport> {
  const stored = await runnableProgram(db, request.programId);
  const period = await resolvePeriod(db, stored, request.period);
  return runPeriod(db, stored, period, request.final ? 'final' : 'provisional', request.trigger, undefined);
}

async function runnableProgram(q: Queryable, programId: string): Promise<StoredProgram> {
  const stored = await getProgram(q, programId);
  if (stored.status === 'draft') {
    throw new RunError(
      'program_not_runnable',
      `program "${stored.programId}" is a draft: activate it first (spur program activate ${stored.programId}), or use spur simulate`,
    );
  }
  return stored;
}

/** Facts aggregated for several periods in one scan, valid while no import and no other version intervened. */
interface PreparedFacts {
  /** `readWatermark().inputs` when the facts were aggregated. */
  inputs: string;
  version: number;
  facts: readonly SellOutFact[];
}

export interface RunManyRequest {
  programId: string;
  /** Period names or dates; `all`: every period from the program start through today or the last invoice date. */
  periods: readonly string[] | 'all';
  final?: boolean;
  trigger: RunTrigger;
}

/**
 * Recalculates many periods of a program (a year) with one SQL scan per program version instead
 * of one per period, then runs each period as `runCalculation` does, in its own transaction. A
 * period whose inputs changed since the scan (a new import) is aggregated again under its lock.
 */
export async function runCalculations(db: SpurDb, request: RunManyRequest): Promise<RunReport[]> {
  const stored = await runnableProgram(db, request.programId);
  let periods: Period[];
  if (request.periods === 'all') {
    const current = await getVersion(db, stored.programId, stored.currentVersion);
    const { rows } = await db.query<{ until: string }>(
      `select greatest(current_date, coalesce(max(invoice_date), current_date))::text as until from sellout_lines`,
    );
    periods = periodsOf(scheduleOf(current.program), rows[0]!.until);
  } else {
    periods = [];
    for (const text of request.periods) periods.push(await resolvePeriod(db, stored, text));
  }
  const { inputs } = await readWatermark(db);
  const byVersion = new Map<number, { program: Program; periods: Period[] }>();
  for (const period of periods) {
    const state = await findPeriodState(db, stored.programId, period.start);
    const version =
      state?.status === 'final'
        ? await getVersion(db, stored.programId, state.programVersion)
        : await versionForPeriod(db, stored.programId, period.start);
    const group = byVersion.get(version.version) ?? { program: version.program, periods: [] };
    group.periods.push(period);
    byVersion.set(version.version, group);
  }
  const prepared = new Map<string, PreparedFacts>();
  for (const [version, group] of byVersion) {
    const from = group.periods.reduce((min, p) => (p.start < min ? p.start : min), group.periods[0]!.start);
    const to = group.periods.reduce((max, p) => (p.end > max ? p.end : max), group.periods[0]!.end);
    const facts = await aggregateRangeInSql(db, aggregateSpec(group.program), group.program.period, { from, to });
    const byPeriod = new Map<string, SellOutFact[]>();
    for (const fact of facts) {
      const list = byPeriod.get(fact.periodStart) ?? [];
      list.push(fact);
      byPeriod.set(fact.periodStart, list);
    }
    for (const period of group.periods) {
      prepared.set(period.start, { inputs, version, facts: byPeriod.get(period.start) ?? [] });
    }
  }
  const reports: RunReport[] = [];
  for (const period of periods) {
    reports.push(
      await runPeriod(
        db,
        stored,
        period,
        request.final ? 'final' : 'provisional',
        request.trigger,
        prepared.get(period.start),
      ),
    );
  }
  return reports;
}

async function runPeriod(
  db: SpurDb,
  stored: StoredProgram,
  period: Period,
  kind: RunKind,
  trigger: RunTrigger,
  prepared: PreparedFacts | undefined,
): Promise<RunReport> {
  const started = process.hrtime.bigint();
  try {
    return await db.transaction(async (tx) => {
      await lockProgramPeriod(tx, stored.programId, period.start);
      const { state, version } = await programForPeriod(tx, stored.programId, period);
      const program = version.program;
      const { watermark, inputs } = await readWatermark(tx);
      const { rows: runRows } = await tx.query<{ run_id: string }>(
        `insert into calc_runs (program_id, period_start, period_end, label, kind, trigger, program_version, watermark, unit)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning run_id::text as run_id`,
        [program.id, period.start, period.end, period.label, kind, trigger, version.version, watermark, program.unit],
      );
      const runId = runRows[0]!.run_id;
      const timings: Record<string, number> = {};

      let step = process.hrtime.bigint();
      const masterData = await loadMasterData(tx, [program.id], { users: program.participants === 'reps' });
      timings.masterData = elapsed(step);
      step = process.hrtime.bigint();
      const reuse = prepared !== undefined && prepared.inputs === inputs && prepared.version === version.version;
      const facts = reuse ? prepared.facts : await aggregateInSql(tx, aggregateSpec(program), period);
      timings.aggregate = elapsed(step);
      step = process.hrtime.bigint();
      const result = price(program, period, facts, masterData);
      timings.price = elapsed(step);

      step = process.hrtime.bigint();
      const periodWasFinal = state?.status === 'final';
      const lateInto = periodWasFinal
        ? ((await nextOpenPeriod(tx, program.id, scheduleOf(program), period)) ?? period)
        : undefined;
      const { postings, earningsChanged } = await postEarningDifferences(tx, {
        runId,
        programId: program.id,
        unit: program.unit,
        period,
        earnings: result.earnings,
        lateInto,
      });
      timings.postEarnings = elapsed(step);
      const total = Decimal.parse(result.totals.amount);
      const committedBefore = Decimal.parse(state?.committed ?? '0');
      const lateDelta = postings.reduce((sum, p) => sum.plus(Decimal.parse(p.delta)), Decimal.ZERO);
      const budgetMode = periodWasFinal ? 'late' : kind;
      const committed = await moveProgramBudget(
        tx,
        program,
        runId,
        period,
        committedBefore,
        total,
        budgetMode,
        lateDelta,
      );
      timings.budget = elapsed(step) - timings.postEarnings;
      const closing = kind === 'final' && !periodWasFinal;
      await tx.query(
        `insert into program_periods (program_id, period_start, period_end, label, status, program_version, committed,
           final_run_id, finalized_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, case when $5 = 'final' then now() end)
         on conflict (program_id, period_start) do update set
           status = excluded.status, committed = excluded.committed,
           program_version = case when program_periods.status = 'final' then program_periods.program_version
                                  else excluded.program_version end,
           final_run_id = coalesce(program_periods.final_run_id, excluded.final_run_id),
           finalized_at = coalesce(program_periods.finalized_at, excluded.finalized_at)`,
        [
          program.id,
          period.start,
          period.end,
          period.label,
          closing || periodWasFinal ? 'final' : 'open',
          version.version,
          committed.toString(),
          closing ? runId : (state?.finalRunId ?? null),
        ],
      );
      const payouts = closing ? await createPayoutsDue(tx, program, period) : 0;
      timings.post = elapsed(step);

      step = process.hrtime.bigint();
      await insertResults(tx, runId, result);
      // Summaries change only with the earnings or the period status.
      if (earningsChanged > 0 || closing || state === undefined) {
        await refreshSummaries(tx, program.id, period.start, closing || periodWasFinal ? 'final' : 'provisional');
      }
      timings.summarize = elapsed(step);
      timings.total = elapsed(started);

      const lines = facts.reduce((sum, fact) => sum + fact.lines, 0);
      await tx.query(
        `update calc_runs set status = 'succeeded', facts = $2, lines = $3, earners = $4, total = $5, postings = $6,
           timings = $7, finished_at = now()
         where run_id = $1`,
        [
          runId,
          facts.length,
          lines,
          result.totals.earners,
          result.totals.amount,
          postings.length,
          JSON.stringify(timings),
        ],
      );
      return {
        runId,
        programId: program.id,
        period,
        kind,
        programVersion: version.version,
        watermark,
        facts: facts.length,
        lines,
        earners: result.totals.earners,
        total: result.totals.amount,
        unit: program.unit,
        postings,
        periodWasFinal,
        payouts,
        timings,
      };
    });
  } catch (error) {
    await recordFailedRun(db, stored.programId, period, kind, trigger, error, elapsed(started));
    throw error;
  }
}

async function recordFailedRun(
  db: SpurDb,
  programId: string,
  period: Period,
  kind: RunKind,
  trigger: RunTrigger,
  error: unknown,
  milliseconds: number,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.query(
    `insert into calc_runs (program_id, period_start, period_end, label, kind, trigger, status, error, timings, finished_at)
     values ($1, $2, $3, $4, $5, $6, 'failed', $7, $8, now())`,
    [
      programId,
      period.start,
      period.end,
      period.label,
      kind,
      trigger,
      message,
      JSON.stringify({ total: milliseconds }),
    ],
  );
}
