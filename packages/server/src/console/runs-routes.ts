import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals } from '../http/list.ts';
import { runCalculation } from '../runs/run-calculation.ts';
import { showRun } from '../runs/run-repository.ts';
import { mapErrors } from './console-errors.ts';

const READERS = ['vendor_admin', 'program_manager', 'finance'] as const;
const RUNNERS = ['vendor_admin', 'program_manager'] as const;

const RunSchema = z
  .object({
    run_id: z.string(),
    program_id: z.string(),
    label: z.string(),
    period_start: z.string(),
    period_end: z.string(),
    kind: z.enum(['provisional', 'final']),
    status: z.enum(['running', 'succeeded', 'failed']),
    trigger: z.string(),
    program_version: z.number().int().nullable(),
    lines: z.string().nullable(),
    earners: z.number().int().nullable(),
    total: z.string().nullable(),
    unit: z.string().nullable(),
    postings: z.number().int(),
    error: z.string().nullable(),
    started_at: z.string(),
    finished_at: z.string().nullable(),
  })
  .meta({ id: 'ConsoleRun' });
type Run = z.infer<typeof RunSchema>;

const RUN_SOURCE = sql`select run_id::text as run_id, program_id, label, period_start::text as period_start,
  period_end::text as period_end, kind, status, trigger, program_version, lines::text as lines, earners,
  total::text as total, unit, postings, error,
  to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at,
  to_char(finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as finished_at from calc_runs`;

/** Calculation runs for the console: list, start (provisional or final close), one run with its results. */
export function registerConsoleRunRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/console/runs',
    {
      config: { access: { roles: READERS, scope: 'programs:read' } },
      schema: {
        tags: ['console'],
        summary: 'Calculation runs, newest first by default',
        querystring: listQuerySchema(
          ['run_id'],
          {
            program_id: z.string().min(1).max(100).optional(),
            status: z.enum(['running', 'succeeded', 'failed']).optional(),
          },
          '-run_id',
        ),
        response: { 200: pageSchema(RunSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listPage<Run>(db.kysely, RUN_SOURCE, 'run_id', q, [
        whereEquals('program_id', q.program_id),
        whereEquals('status', q.status),
      ]);
      return {
        ...page,
        items: page.items.map((run) => ({ ...run, program_version: numberOrNull(run.program_version) })),
      };
    },
  );

  api.post(
    '/console/runs',
    {
      config: { access: { roles: RUNNERS, scope: 'programs:write' } },
      schema: {
        tags: ['console'],
        summary: 'Calculates one period of an active program now; final closes the period and creates payouts due',
        body: z.object({
          program_id: z.string().min(1).max(100),
          period: z.string().min(1).max(20).describe('2026-03, 2026-Q1, 2026-W05 or an ISO date inside the period'),
          final: z.boolean().default(false),
        }),
        response: {
          200: z.object({
            run_id: z.string(),
            kind: z.enum(['provisional', 'final']),
            period: z.object({ label: z.string(), start: z.string(), end: z.string() }),
            earners: z.number().int(),
            total: z.string(),
            unit: z.string(),
            postings: z.number().int(),
            payouts: z.number().int(),
          }),
        },
      },
    },
    async (request) =>
      mapErrors(async () => {
        const principal = principalOf(request);
        const report = await runCalculation(db, {
          programId: request.body.program_id,
          period: request.body.period,
          final: request.body.final,
          trigger: 'api',
        });
        await recordAudit(db, {
          actor: principal.userId,
          action: report.kind === 'final' ? 'run_final' : 'run_provisional',
          entity: 'program',
          entityId: report.programId,
          after: { run_id: report.runId, period: report.period.label, total: report.total, unit: report.unit },
        });
        return {
          run_id: report.runId,
          kind: report.kind,
          period: { label: report.period.label, start: report.period.start, end: report.period.end },
          earners: report.earners,
          total: report.total,
          unit: report.unit,
          postings: report.postings.length,
          payouts: report.payouts,
        };
      }),
  );

  api.get(
    '/console/runs/:run_id',
    {
      config: { access: { roles: READERS, scope: 'programs:read' } },
      schema: {
        tags: ['console'],
        summary: 'One run: its figures, per-participant results and the ledger postings it made',
        params: z.object({ run_id: z.string().min(1).max(20) }),
        response: {
          200: z.object({
            run: RunSchema,
            results: z.array(
              z.object({
                participant_type: z.string(),
                participant_id: z.string(),
                amount: z.string(),
                unit: z.string(),
                payout_due: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) =>
      mapErrors(async () => {
        const detail = await showRun(db, request.params.run_id);
        return {
          run: {
            run_id: detail.runId,
            program_id: detail.programId,
            label: detail.label,
            period_start: detail.periodStart,
            period_end: detail.periodEnd,
            kind: detail.kind,
            status: detail.status,
            trigger: detail.trigger,
            program_version: detail.programVersion,
            lines: detail.lines,
            earners: detail.earners,
            total: detail.total,
            unit: detail.unit,
            postings: detail.postings,
            error: detail.error,
            started_at: detail.startedAt,
            finished_at: detail.finishedAt,
          },
          results: detail.results.map((r) => ({
            participant_type: r.participantType,
            participant_id: r.participantId,
            amount: r.amount,
            unit: r.unit,
            payout_due: r.payoutDue,
          })),
        };
      }),
  );
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
