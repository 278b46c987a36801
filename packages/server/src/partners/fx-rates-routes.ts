import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { listPage, listQuerySchema, pageSchema, whereBetween, whereEquals } from '../http/list.ts';
import { CurrencySchema } from './common.ts';

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month such as 2026-03');
/** An exact positive decimal; never parsed into a float. */
const RateSchema = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'an exact decimal such as 0.0912 (up to 12 decimals)')
  .refine((value) => /[1-9]/.test(value), 'must be greater than 0');

const FxRateSchema = z
  .object({
    month: z.string().describe('YYYY-MM'),
    currency: z.string(),
    eur_rate: z.string().describe('1 unit of currency = eur_rate EUR, exact decimal'),
  })
  .meta({ id: 'FxRate' });
type FxRate = z.infer<typeof FxRateSchema>;

const FX_SELECT = sql`select to_char(month, 'YYYY-MM') as month, currency::text as currency, eur_rate::text as eur_rate,
  to_char(month, 'YYYY-MM') || ':' || currency as rate_key from fx_rates`;

/** Monthly FX rates to EUR: everyone signed in reads, finance and vendor admins set them. */
export function registerFxRateRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/fx-rates',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['fx rates'],
        summary: 'Monthly FX rates to EUR',
        querystring: listQuerySchema(['rate_key', 'month', 'currency'], {
          currency: CurrencySchema.optional(),
          month_from: MonthSchema.optional().describe('first month, inclusive'),
          month_to: MonthSchema.optional().describe('last month, exclusive'),
        }),
        response: { 200: pageSchema(FxRateSchema) },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listPage<FxRate & { rate_key: string }>(db.kysely, FX_SELECT, 'rate_key', q, [
        whereEquals('currency', q.currency),
        whereBetween('month', q.month_from, q.month_to),
      ]);
      return { ...page, items: page.items.map(({ month, currency, eur_rate }) => ({ month, currency, eur_rate })) };
    },
  );

  api.put(
    '/fx-rates/:month/:currency',
    {
      config: { access: { roles: ['vendor_admin', 'finance'], scope: 'masterdata:write' } },
      schema: {
        tags: ['fx rates'],
        summary: 'Set the rate of a currency for a month',
        params: z.object({ month: MonthSchema, currency: CurrencySchema }),
        body: z.object({ eur_rate: RateSchema }),
        response: { 200: z.object({ fx_rate: FxRateSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { month, currency } = request.params;
      const fx_rate = await db.transaction(async (tx) => {
        const { rows: before } =
          await sql<FxRate>`${FX_SELECT} where month = ${`${month}-01`}::date and currency = ${currency}`.execute(
            tx.kysely,
          );
        const { rows } = await tx.query<FxRate>(
          `insert into fx_rates (month, currency, eur_rate) values ($1::date, $2, $3::numeric)
           on conflict (month, currency) do update set eur_rate = excluded.eur_rate
           returning to_char(month, 'YYYY-MM') as month, currency::text as currency, eur_rate::text as eur_rate`,
          [`${month}-01`, currency, request.body.eur_rate],
        );
        await recordAudit(tx, {
          actor: principal.userId,
          action: before[0] ? 'fx_rate_updated' : 'fx_rate_created',
          entity: 'fx_rate',
          entityId: `${month}:${currency}`,
          before: before[0] && { month, currency, eur_rate: before[0].eur_rate },
          after: rows[0],
        });
        return rows[0]!;
      });
      return { fx_rate };
    },
  );
}
