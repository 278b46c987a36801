import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals } from '../http/list.ts';
import { approvePayout, formatMinorUnits, LedgerError } from '../ledger/index.ts';
import { getProgram } from '../programs/program-store.ts';
import { mapErrors } from './console-errors.ts';

const READERS = ['vendor_admin', 'program_manager', 'finance'] as const;

const BudgetSchema = z
  .object({
    budget_id: z.string(),
    program_id: z.string(),
    period: z.string(),
    unit: z.string(),
    amount: z.string(),
    committed: z.string(),
    booked: z.string(),
    available: z.string(),
  })
  .meta({ id: 'ConsoleBudget' });

interface BudgetRow {
  budget_id: string;
  program_id: string;
  period: string;
  unit: string;
  amount: string;
  committed: string;
  booked: string;
}

const PayoutSchema = z
  .object({
    payout_id: z.string(),
    program_id: z.string(),
    period: z.string(),
    participant_type: z.string(),
    participant_id: z.string(),
    unit: z.string(),
    amount: z.string(),
    due_date: z.string(),
    status: z.enum(['pending', 'approved', 'paid']),
    approved_by: z.string().nullable(),
    configured_by: z.string().nullable(),
  })
  .meta({ id: 'ConsolePayout' });

interface PayoutRow extends Omit<z.infer<typeof PayoutSchema>, 'amount'> {
  amount: string;
}

const BreakdownSchema = z.object({
  dimension: z.enum(['country', 'cluster', 'partner_type']),
  key: z.string(),
  unit: z.string(),
  provisional: z.string(),
  final: z.string(),
});

const money = (minor: string, unit: string) => formatMinorUnits(BigInt(minor), unit);

/** Budgets (amount, committed, booked), where earnings go by region and partner type, and payout approval. */
export function registerConsoleBudgetRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/console/budgets',
    {
      config: { access: { roles: READERS, scope: 'ledger:read' } },
      schema: {
        tags: ['console'],
        summary: 'Budget, committed (provisional runs) and booked (final runs) per program period',
        querystring: listQuerySchema(
          ['budget_id'],
          { program_id: z.string().min(1).max(100).optional() },
          '-budget_id',
        ),
        response: { 200: pageSchema(BudgetSchema) },
      },
    },
    async (request) => {
      const source = sql`select budget_id::text as budget_id, program_id, period, unit, amount::text as amount,
        committed::text as committed, booked::text as booked from budgets`;
      const page = await listPage<BudgetRow>(db.kysely, source, 'budget_id', request.query, [
        whereEquals('program_id', request.query.program_id),
      ]);
      return {
        next_cursor: page.next_cursor,
        items: page.items.map((row) => ({
          ...row,
          amount: money(row.amount, row.unit),
          committed: money(row.committed, row.unit),
          booked: money(row.booked, row.unit),
          available: money(String(BigInt(row.amount) - BigInt(row.committed) - BigInt(row.booked)), row.unit),
        })),
      };
    },
  );

  api.get(
    '/console/programs/:program_id/breakdown',
    {
      config: { access: { roles: READERS, scope: 'programs:read' } },
      schema: {
        tags: ['console'],
        summary:
          'Earnings of a program by country, cluster and partner type, provisional and final, from the summaries',
        params: z.object({ program_id: z.string().min(1).max(100) }),
        response: { 200: z.object({ items: z.array(BreakdownSchema) }) },
      },
    },
    async (request) =>
      mapErrors(async () => {
        const program = await getProgram(db, request.params.program_id);
        const { rows } = await db.query<z.infer<typeof BreakdownSchema>>(
          `select dimension, dimension_key as key, unit,
             coalesce(sum(amount) filter (where status = 'provisional'), 0)::text as provisional,
             coalesce(sum(amount) filter (where status = 'final'), 0)::text as final
           from summary_totals where program_id = $1 and dimension in ('country', 'cluster', 'partner_type')
           group by dimension, dimension_key, unit order by dimension, sum(amount) desc, dimension_key`,
          [program.programId],
        );
        return { items: rows };
      }),
  );

  api.get(
    '/console/payouts',
    {
      config: { access: { roles: ['vendor_admin', 'finance'], scope: 'ledger:read' } },
      schema: {
        tags: ['console'],
        summary: 'Cash payouts due, with who configured the program (who may not approve them)',
        querystring: listQuerySchema(
          ['payout_id', 'due_date'],
          {
            status: z.enum(['pending', 'approved', 'paid']).optional(),
            program_id: z.string().min(1).max(100).optional(),
          },
          'due_date',
        ),
        response: { 200: pageSchema(PayoutSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const source = sql`select p.payout_id::text as payout_id, p.program_id, p.period, p.participant_type,
        p.participant_id, p.unit, p.amount::text as amount, p.due_date::text as due_date, p.status, p.approved_by,
        g.configured_by from payouts p left join programs g on g.program_id = p.program_id`;
      const page = await listPage<PayoutRow>(db.kysely, source, 'payout_id', q, [
        whereEquals('status', q.status),
        whereEquals('program_id', q.program_id),
      ]);
      return { ...page, items: page.items.map((row) => ({ ...row, amount: money(row.amount, row.unit) })) };
    },
  );

  api.post(
    '/console/payouts/:payout_id/approve',
    {
      config: { access: { roles: ['finance'], scope: 'ledger:write' } },
      schema: {
        tags: ['console'],
        summary: 'Approves a pending payout; finance may not approve payouts of a program it configured',
        params: z.object({ payout_id: z.string().regex(/^\d{1,18}$/, 'a payout id (digits)') }),
        response: { 200: z.object({ payout_id: z.string(), status: z.enum(['pending', 'approved', 'paid']) }) },
      },
    },
    async (request) =>
      mapErrors(async () => {
        const principal = principalOf(request);
        return db.transaction(async (tx) => {
          const { rows } = await tx.query<{ configured_by: string | null; status: string }>(
            `select g.configured_by, p.status from payouts p left join programs g on g.program_id = p.program_id
             where p.payout_id = $1`,
            [request.params.payout_id],
          );
          if (!rows[0]) throw new LedgerError('payout_missing', `payout ${request.params.payout_id} does not exist`);
          const payout = await approvePayout(tx, {
            payoutId: request.params.payout_id,
            approvedBy: principal.userId,
            configuredBy: rows[0].configured_by ?? '',
          });
          if (rows[0].status !== payout.status) {
            await recordAudit(tx, {
              actor: principal.userId,
              action: 'payout_approved',
              entity: 'payout',
              entityId: payout.payoutId,
              before: { status: rows[0].status },
              after: { status: payout.status },
            });
          }
          return { payout_id: payout.payoutId, status: payout.status };
        });
      }),
  );
}
