import { aggregateSpec, type MasterData, type Period, type Program, type SellOutFact } from '@spur/engine';
import type { Queryable } from '../db/connection-types.ts';
import { plainDecimal } from '../runs/plain-decimal.ts';
import { aggregateInSql } from '../runs/sql-aggregate.ts';
import type { Subject } from './subject.ts';

/**
 * The facts of one participant in one period: the run's own aggregate query over only the
 * participant's lines (the rep on the line, or the reseller), so a what-if prices exactly what
 * a run would see for it.
 */
export async function participantFacts(
  q: Queryable,
  program: Program,
  period: Period,
  subject: Subject,
): Promise<SellOutFact[]> {
  return aggregateInSql(q, aggregateSpec(program), period, {
    column: subject.type === 'user' ? 'rep_id' : 'reseller_id',
    id: subject.id,
  });
}

/** Master data for pricing one participant: its partner (and distributor), itself, products, FX and its goals. */
export async function participantMasterData(q: Queryable, programId: string, subject: Subject): Promise<MasterData> {
  const partners = await q.query<{
    partner_id: string;
    type: 'distributor' | 'reseller';
    country: string;
    level: string;
    distributor_id: string | null;
    individual_agreement: boolean;
  }>(
    `select partner_id, type, country, level, distributor_id, individual_agreement from partners
     where partner_id = $1 or partner_id = (select distributor_id from partners where partner_id = $1)`,
    [subject.partnerId],
  );
  const users = await q.query<{ user_id: string; partner_id: string | null; groups: string[] | null }>(
    `select u.user_id, u.partner_id, array_remove(array_agg(m.group_id order by m.group_id), null) as groups
     from users u left join user_group_members m on m.user_id = u.user_id
     where u.user_id = $1 group by u.user_id, u.partner_id`,
    [subject.type === 'user' ? subject.id : ''],
  );
  const products = await q.query<{ sku: string; family: string; category: string }>(
    'select sku, family, category from products',
  );
  const fx = await q.query<{ month: string; currency: string; eur_rate: string }>(
    `select to_char(month, 'YYYY-MM') as month, currency, eur_rate::text as eur_rate from fx_rates`,
  );
  const goals = await q.query<{ period_start: string; metric: 'units' | 'revenue'; target: string }>(
    `select period_start::text as period_start, metric, target::text as target
     from goals where program_id = $1 and participant_id = $2`,
    [programId, subject.id],
  );
  const clusters = await q.query<{ country_code: string; cluster_id: string }>(
    'select country_code, cluster_id from cluster_countries order by cluster_id',
  );
  const countryClusters: Record<string, string[]> = {};
  for (const row of clusters.rows) {
    countryClusters[row.country_code] = [...(countryClusters[row.country_code] ?? []), row.cluster_id];
  }
  return {
    partners: partners.rows.map((row) => ({
      id: row.partner_id,
      type: row.type,
      country: row.country,
      level: row.level,
      distributorId: row.distributor_id,
      individualAgreement: row.individual_agreement,
    })),
    users: users.rows.map((row) => ({ id: row.user_id, partnerId: row.partner_id, groups: row.groups ?? [] })),
    products: products.rows,
    countryClusters,
    fxRates: fx.rows.map((row) => ({ month: row.month, currency: row.currency, eurRate: plainDecimal(row.eur_rate) })),
    goals: goals.rows.map((row) => ({
      programId,
      participantId: subject.id,
      periodStart: row.period_start,
      metric: row.metric,
      target: plainDecimal(row.target),
    })),
  };
}
