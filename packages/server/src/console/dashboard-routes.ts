import { z } from 'zod';
import type { Principal } from '../auth/principal.ts';
import { seesEverything } from '../auth/scope.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { refreshSellOutSummary } from './sellout-summary.ts';

const DashboardSchema = z
  .object({
    countries: z.array(z.string()).nullable().describe("the channel manager's territory; null for every country"),
    partners: z.object({ distributors: z.number().int(), resellers: z.number().int() }),
    users: z.object({
      registered: z.number().int(),
      with_sign_in: z.number().int().describe('users given a role, so they can sign in'),
    }),
    active_resellers: z.number().int().describe('resellers with sell-out in the last three months of data'),
    trend: z.array(
      z.object({
        month: z.string(),
        currency: z.string(),
        lines: z.string(),
        units: z.string(),
        net_amount: z.string(),
      }),
    ),
    top_resellers: z.array(
      z.object({
        partner_id: z.string(),
        name: z.string().nullable(),
        country: z.string().nullable(),
        units: z.string(),
      }),
    ),
  })
  .meta({ id: 'ConsoleDashboard' });

/** `null` when the caller sees every country, else its territory. */
function territoryOf(principal: Principal): string[] | null {
  return seesEverything(principal) ? null : [...principal.countries];
}

/** The live dashboard: registered and active partners, users, sell-out trend and top resellers, from summaries. */
export function registerConsoleDashboardRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;
  api.get(
    '/console/dashboard',
    {
      config: {
        access: { roles: ['vendor_admin', 'program_manager', 'finance', 'channel_manager'], scope: 'masterdata:read' },
      },
      schema: {
        tags: ['console'],
        summary: "Channel at a glance; a channel manager sees its territory's countries only",
        response: { 200: DashboardSchema },
      },
    },
    async (request) => {
      const countries = territoryOf(principalOf(request));
      await refreshSellOutSummary(db);
      // $1 is null for every country, else the territory.
      const inTerritory = (column: string) => `($1::text[] is null or ${column} = any($1::text[]))`;
      const partners = await db.query<{ distributors: number; resellers: number }>(
        `select count(*) filter (where type = 'distributor')::int as distributors,
           count(*) filter (where type = 'reseller')::int as resellers
         from partners where ${inTerritory('country')}`,
        [countries],
      );
      const users = await db.query<{ registered: number; with_sign_in: number }>(
        `select count(*)::int as registered, count(*) filter (where u.role is not null)::int as with_sign_in
         from users u join partners p on p.partner_id = u.partner_id
         where u.disabled_at is null and ${inTerritory('p.country')}`,
        [countries],
      );
      const latest = await db.query<{ month: string | null }>(
        'select max(month)::text as month from summary_sellout_monthly',
      );
      const lastMonth = latest.rows[0]?.month ?? null;
      if (lastMonth === null) {
        return {
          countries,
          partners: partners.rows[0]!,
          users: users.rows[0]!,
          active_resellers: 0,
          trend: [],
          top_resellers: [],
        };
      }
      const active = await db.query<{ active: number }>(
        `select count(distinct reseller_id)::int as active from summary_sellout_monthly
         where month > ($2::date - interval '3 months') and ${inTerritory('country')}`,
        [countries, lastMonth],
      );
      const trend = await db.query<{
        month: string;
        currency: string;
        lines: string;
        units: string;
        net_amount: string;
      }>(
        `select to_char(month, 'YYYY-MM') as month, currency, sum(lines)::text as lines, sum(units)::text as units,
           sum(net_amount)::text as net_amount
         from summary_sellout_monthly where month > ($2::date - interval '12 months') and ${inTerritory('country')}
         group by month, currency order by month, currency`,
        [countries, lastMonth],
      );
      const top = await db.query<{ partner_id: string; name: string | null; country: string | null; units: string }>(
        `select s.reseller_id as partner_id, max(p.name) as name, max(s.country) as country, sum(s.units)::text as units
         from summary_sellout_monthly s left join partners p on p.partner_id = s.reseller_id
         where s.month > ($2::date - interval '3 months') and ${inTerritory('s.country')}
         group by s.reseller_id order by sum(s.units) desc, s.reseller_id limit 10`,
        [countries, lastMonth],
      );
      return {
        countries,
        partners: partners.rows[0]!,
        users: users.rows[0]!,
        active_resellers: active.rows[0]!.active,
        trend: trend.rows,
        top_resellers: top.rows,
      };
    },
  );
}
