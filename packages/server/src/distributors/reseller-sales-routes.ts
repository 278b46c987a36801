import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { invalidInput, notFound } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema } from '../http/list.ts';
import { IdSchema } from '../partners/common.ts';
import { distributorVisible, readAccess } from '../uploads/access.ts';

const IsoDate = z.iso.date().describe('ISO date, inclusive');
/** A year and a day: a window wider than that is a report, not a page (it scans more lines). */
const MAX_WINDOW_DAYS = 366;

const ResellerSalesSchema = z
  .object({
    reseller_id: z.string(),
    name: z.string().nullable().describe('null when the reseller is not (yet) in the master data'),
    country: z.string().nullable(),
    lines: z.number().int(),
    units: z.string().describe('net units, returns subtracted (an integer as a string)'),
    net_amount: z
      .array(z.object({ currency: z.string(), amount: z.string().describe('exact decimal') }))
      .describe('net revenue per invoice currency'),
    last_invoice_date: z.string(),
  })
  .meta({ id: 'ResellerSales' });
type ResellerSales = z.infer<typeof ResellerSalesSchema>;

/**
 * What a distributor sold to each reseller: sales figures only (no contacts, users or earnings of
 * the reseller), for the distributor's admin and the vendor staff who may see that distributor.
 */
export function registerResellerSalesRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;
  api.get(
    '/distributors/:distributor_id/resellers',
    {
      config: { access: readAccess },
      schema: {
        tags: ['sell-out'],
        summary: 'Sales per reseller reported by a distributor',
        description:
          "Net units, lines and revenue per currency of each reseller in the distributor's sell-out reports between `from` and `to` (at most 366 days). Sales figures only.",
        params: z.object({ distributor_id: IdSchema }),
        querystring: listQuerySchema(['reseller_id', 'lines', 'last_invoice_date'], { from: IsoDate, to: IsoDate }),
        response: { 200: pageSchema(ResellerSalesSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { distributor_id: distributorId } = request.params;
      const { from, to } = request.query;
      if (to < from) throw invalidInput('querystring.to', 'must not be before from');
      const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      if (days > MAX_WINDOW_DAYS) throw invalidInput('querystring.to', `the window is at most ${MAX_WINDOW_DAYS} days`);
      // Another distributor's id answers as unknown, so ids reveal nothing.
      if (!(await distributorVisible(db, principal, distributorId))) throw notFound('distributor');
      // The primary key (distributor_id, line_id) confines the scan to this distributor's lines.
      const source = sql`
        select s.reseller_id, p.name, p.country::text as country, s.lines, s.units, s.net_amount, s.last_invoice_date
        from (
          select reseller_id, sum(lines)::integer as lines, sum(units)::text as units,
            json_agg(json_build_object('currency', currency, 'amount', amount::text) order by currency) as net_amount,
            max(last_invoice_date)::text as last_invoice_date
          from (
            select reseller_id, currency::text as currency, count(*) as lines, sum(quantity) as units,
              sum(net_amount) as amount, max(invoice_date) as last_invoice_date
            from sellout_lines
            where distributor_id = ${distributorId} and invoice_date between ${from}::date and ${to}::date
            group by reseller_id, currency
          ) per_currency
          group by reseller_id
        ) s
        left join partners p on p.partner_id = s.reseller_id`;
      return listPage<ResellerSales>(db.kysely, source, 'reseller_id', request.query);
    },
  );
}
