import { z } from 'zod';
import { PARTNER_ROLES } from '../auth/roles.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { listQuerySchema, pageSchema } from '../http/list.ts';
import { IdSchema, IsoDateSchema } from '../partners/common.ts';
import { loadDashboard } from './dashboard.ts';
import { incentivizedPrograms, loadWhatIf } from './earning-programs.ts';
import { toApiExplanation } from './explanation-schema.ts';
import {
  DashboardSchema,
  EarningDetailSchema,
  EarningParams,
  IncentivizedProgramsSchema,
  ParticipantQuery,
  StatementEarningSchema,
  StatementLineSchema,
  WhatIfQuery,
  WhatIfSchema,
} from './schemas.ts';
import { earningDetail, earningLines, listStatement } from './statement.ts';
import { resolveSubject } from './subject.ts';

// Vendor staff read the same figures through their own consoles; these pages are the partner side.
const access = { roles: PARTNER_ROLES, scope: 'earnings:read' } as const;
const today = () => new Date().toISOString().slice(0, 10);
const StatementPageSchema = pageSchema(StatementEarningSchema);

/** The partner side: dashboard, what can I still earn, incentivized products and the statement. */
export function registerStatementRoutes(api: SpurApi, context: ApiContext): void {
  const { db, figures } = context;

  api.get(
    '/partner/dashboard',
    {
      config: { access },
      schema: {
        tags: ['partner'],
        summary: 'Earned per program and period, balances and payouts (from summaries and the ledger)',
        querystring: ParticipantQuery,
        response: { 200: DashboardSchema },
      },
    },
    async (request, reply) => {
      const subject = await resolveSubject(db, principalOf(request), request.query.participant_id);
      // Whose figures is decided (and checked) above on every request; the key names that subject.
      const key = JSON.stringify(['dashboard', subject.partnerId, subject.type, subject.id]);
      return figures.send(reply, key, DashboardSchema, () => loadDashboard(db, subject));
    },
  );

  api.get(
    '/partner/what-if',
    {
      config: { access },
      schema: {
        tags: ['partner'],
        summary: 'What can I still earn: next unit, next currency unit, goal gates and promotions per program',
        querystring: WhatIfQuery,
        response: { 200: WhatIfSchema },
      },
    },
    async (request) => {
      const subject = await resolveSubject(db, principalOf(request), request.query.participant_id);
      const asOf = request.query.as_of ?? today();
      return { as_of: asOf, programs: await loadWhatIf(db, subject, asOf) };
    },
  );

  api.get(
    '/partner/programs',
    {
      config: { access },
      schema: {
        tags: ['partner'],
        summary: 'Incentivized products: the programs the participant takes part in, their rules, rates and promotions',
        querystring: WhatIfQuery,
        response: { 200: IncentivizedProgramsSchema },
      },
    },
    async (request) => {
      const subject = await resolveSubject(db, principalOf(request), request.query.participant_id);
      const asOf = request.query.as_of ?? today();
      return { as_of: asOf, programs: await incentivizedPrograms(db, subject, asOf) };
    },
  );

  api.get(
    '/partner/statement',
    {
      config: { access },
      schema: {
        tags: ['partner'],
        summary: 'Every earning of the participant, newest period first',
        querystring: listQuerySchema(
          ['period_start', 'program_id', 'amount'],
          {
            participant_id: IdSchema.optional(),
            program_id: IdSchema.optional(),
            period_from: IsoDateSchema.optional().describe('period_start on or after'),
            period_to: IsoDateSchema.optional().describe('period_start before'),
          },
          '-period_start',
        ),
        response: { 200: StatementPageSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const subject = await resolveSubject(db, principalOf(request), q.participant_id);
      const page = { limit: q.limit, cursor: q.cursor, sort: q.sort };
      const filters = { program_id: q.program_id, period_from: q.period_from, period_to: q.period_to };
      const produce = () => listStatement(db, subject, page, filters);
      // Later pages are read rarely and their cursors are the caller's to vary: only first pages
      // are kept, so nobody can fill the cache with made-up cursors.
      if (page.cursor !== undefined) return produce();
      // Every parameter the answer depends on is in the key, besides whose statement it is.
      const key = JSON.stringify(['statement', subject.partnerId, subject.type, subject.id, page, filters]);
      return figures.send(reply, key, StatementPageSchema, produce);
    },
  );

  api.get(
    '/partner/statement/:program_id/:period_start',
    {
      config: { access },
      schema: {
        tags: ['partner'],
        summary: 'One earning with its explanation and every posting (adjustments and clawbacks as such)',
        params: EarningParams,
        querystring: ParticipantQuery,
        response: { 200: EarningDetailSchema },
      },
    },
    async (request) => {
      const subject = await resolveSubject(db, principalOf(request), request.query.participant_id);
      const detail = await earningDetail(db, subject, request.params.program_id, request.params.period_start);
      // Stored as the engine writes it (camelCase, read by the CLI and SQL); snake_case on the wire.
      return { ...detail, explanation: toApiExplanation(detail.explanation) };
    },
  );

  api.get(
    '/partner/statement/:program_id/:period_start/lines',
    {
      config: { access },
      schema: {
        tags: ['partner'],
        summary: 'The sell-out lines behind one earning, paged',
        params: EarningParams,
        querystring: listQuerySchema(['invoice_date', 'line_key'], { participant_id: IdSchema.optional() }),
        response: { 200: pageSchema(StatementLineSchema) },
      },
    },
    async (request) => {
      const subject = await resolveSubject(db, principalOf(request), request.query.participant_id);
      return earningLines(db, subject, request.params.program_id, request.params.period_start, request.query);
    },
  );

  api.get(
    '/partner/distributors',
    {
      config: { access: { roles: ['reseller_admin'], scope: 'masterdata:read' } },
      schema: {
        tags: ['partner'],
        summary: "The distributors a reseller may choose as preferred: those of the reseller's country",
        response: {
          200: z.object({ items: z.array(z.object({ partner_id: z.string(), name: z.string() })) }),
        },
      },
    },
    async (request) => {
      const { rows } = await db.query<{ partner_id: string; name: string }>(
        `select d.partner_id, d.name from partners d join partners r on r.partner_id = $1
         where d.type = 'distributor' and d.country = r.country order by d.name, d.partner_id limit 500`,
        [principalOf(request).partnerId],
      );
      return { items: rows };
    },
  );
}
