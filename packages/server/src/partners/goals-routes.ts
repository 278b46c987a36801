import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { Principal } from '../auth/principal.ts';
import { participantVisible } from '../auth/scope.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema, whereBetween, whereEquals } from '../http/list.ts';
import { IdSchema, IsoDateSchema, rowExists } from './common.ts';

const TargetSchema = z.string().regex(/^\d{1,16}(\.\d{1,4})?$/, 'an exact non-negative decimal, up to 4 decimals');

const GoalSchema = z
  .object({
    program_id: z.string(),
    participant_id: z.string().describe('a partner id or a user id'),
    period_start: z.string().describe('first day of the period, YYYY-MM-DD'),
    metric: z.enum(['units', 'revenue']),
    target: z.string().describe('exact decimal'),
  })
  .meta({ id: 'Goal' });
type Goal = z.infer<typeof GoalSchema>;

const GOAL_COLUMNS = sql`g.program_id, g.participant_id, g.period_start, g.metric, g.target::text as target`;
const GoalParams = z.object({ program_id: IdSchema, participant_id: IdSchema, period_start: IsoDateSchema });

/**
 * Vendor admins and program managers set anyone's goal, a channel manager the goals of its
 * countries' partners, a reseller admin its own partner's goal, only before the period starts.
 */
async function checkMaySetGoal(context: ApiContext, principal: Principal, participantId: string, periodStart: string) {
  if (principal.role === 'vendor_admin' || principal.role === 'program_manager') return;
  if (principal.role === 'reseller_admin') {
    if (participantId !== principal.partnerId) throw notFound(`participant ${participantId}`);
    const { rows } = await context.db.query<{ started: boolean }>('select $1::date <= current_date as started', [
      periodStart,
    ]);
    if (rows[0]?.started) {
      throw new ApiError(
        409,
        'period_started',
        `period_start: the period ${periodStart} has started; ask your channel manager`,
      );
    }
    return;
  }
  const visible = await rowExists(
    context.db.kysely,
    sql`select 1 where ${participantVisible(principal, sql`${participantId}::text`)}`,
  );
  if (!visible) throw notFound(`participant ${participantId}`);
}

export function registerGoalRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;
  const GoalSetters = ['vendor_admin', 'program_manager', 'channel_manager', 'reseller_admin'] as const;

  api.get(
    '/goals',
    {
      config: { access: { roles: 'any', scope: 'goals:read' } },
      schema: {
        tags: ['goals'],
        summary: 'Goals of the participants the caller may see',
        querystring: listQuerySchema(['goal_key', 'period_start', 'participant_id'], {
          program_id: IdSchema.optional(),
          participant_id: IdSchema.optional(),
          period_from: IsoDateSchema.optional().describe('period_start on or after'),
          period_to: IsoDateSchema.optional().describe('period_start before'),
        }),
        response: { 200: pageSchema(GoalSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const source = sql`select ${GOAL_COLUMNS},
          g.program_id || '|' || g.participant_id || '|' || g.period_start::text as goal_key
        from goals g where ${participantVisible(principal, sql.ref('g.participant_id'))}`;
      const page = await listPage<Goal & { goal_key: string }>(db.kysely, source, 'goal_key', q, [
        whereEquals('program_id', q.program_id),
        whereEquals('participant_id', q.participant_id),
        whereBetween('period_start', q.period_from, q.period_to),
      ]);
      return { ...page, items: page.items.map(({ goal_key: _key, ...goal }) => goal) };
    },
  );

  api.put(
    '/goals/:program_id/:participant_id/:period_start',
    {
      config: { access: { roles: GoalSetters, scope: 'goals:write' } },
      schema: {
        tags: ['goals'],
        summary: 'Set a goal (a reseller admin its own, before the period starts)',
        params: GoalParams,
        body: z.object({ metric: z.enum(['units', 'revenue']), target: TargetSchema }),
        response: { 200: z.object({ goal: GoalSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { program_id, participant_id, period_start } = request.params;
      await checkMaySetGoal(context, principal, participant_id, period_start);
      const goal = await db.transaction(async (tx) => {
        const key = sql`g.program_id = ${program_id} and g.participant_id = ${participant_id} and g.period_start = ${period_start}::date`;
        const { rows: before } = await sql<Goal>`select ${GOAL_COLUMNS} from goals g where ${key}`.execute(tx.kysely);
        const { rows } =
          await sql<Goal>`insert into goals as g (program_id, participant_id, period_start, metric, target)
          values (${program_id}, ${participant_id}, ${period_start}::date, ${request.body.metric}, ${request.body.target}::numeric)
          on conflict (program_id, participant_id, period_start)
            do update set metric = excluded.metric, target = excluded.target
          returning ${GOAL_COLUMNS}`.execute(tx.kysely);
        await recordAudit(tx, {
          actor: principal.userId,
          action: before[0] ? 'goal_updated' : 'goal_set',
          entity: 'goal',
          entityId: `${program_id}|${participant_id}|${period_start}`,
          before: before[0],
          after: rows[0],
        });
        return rows[0]!;
      });
      return { goal };
    },
  );

  api.delete(
    '/goals/:program_id/:participant_id/:period_start',
    {
      config: { access: { roles: ['vendor_admin', 'program_manager'], scope: 'goals:write' } },
      schema: {
        tags: ['goals'],
        summary: 'Remove a goal',
        params: GoalParams,
        response: { 200: z.object({ goal: GoalSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { program_id, participant_id, period_start } = request.params;
      const goal = await db.transaction(async (tx) => {
        const { rows } = await sql<Goal>`delete from goals g where g.program_id = ${program_id}
          and g.participant_id = ${participant_id} and g.period_start = ${period_start}::date
          returning ${GOAL_COLUMNS}`.execute(tx.kysely);
        if (!rows[0]) throw notFound(`goal ${program_id}/${participant_id}/${period_start}`);
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'goal_removed',
          entity: 'goal',
          entityId: `${program_id}|${participant_id}|${period_start}`,
          before: rows[0],
        });
        return rows[0];
      });
      return { goal };
    },
  );
}
