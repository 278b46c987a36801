import type { MasterData } from '@spur/engine';
import type { Queryable } from '../db/connection-types.ts';
import { plainDecimal } from './plain-decimal.ts';

/**
 * The engine's master data read from the database; goals only of the programs asked for. Users
 * are read only when asked (programs for reps): partner programs never look at them.
 */
export async function loadMasterData(
  q: Queryable,
  programIds: readonly string[],
  options: { users: boolean } = { users: true },
): Promise<MasterData> {
  // One query after another: inside a run they share the transaction's single connection.
  const partners = await q.query<{
    partner_id: string;
    type: 'distributor' | 'reseller';
    country: string;
    level: string;
    distributor_id: string | null;
    individual_agreement: boolean;
  }>('select partner_id, type, country, level, distributor_id, individual_agreement from partners');
  const users = options.users
    ? await q.query<{ user_id: string; partner_id: string | null; groups: string[] | null }>(
        `select u.user_id, u.partner_id, array_remove(array_agg(m.group_id order by m.group_id), null) as groups
         from users u left join user_group_members m on m.user_id = u.user_id group by u.user_id, u.partner_id`,
      )
    : { rows: [] };
  const products = await q.query<{ sku: string; family: string; category: string }>(
    'select sku, family, category from products',
  );
  const fx = await q.query<{ month: string; currency: string; eur_rate: string }>(
    `select to_char(month, 'YYYY-MM') as month, currency, eur_rate::text as eur_rate from fx_rates`,
  );
  const goals = await q.query<{
    program_id: string;
    participant_id: string;
    period_start: string;
    metric: 'units' | 'revenue';
    target: string;
  }>(
    `select program_id, participant_id, period_start::text as period_start, metric, target::text as target
     from goals where program_id = any($1)`,
    [programIds],
  );
  const clusters = await q.query<{ country_code: string; cluster_id: string }>(
    'select country_code, cluster_id from cluster_countries order by cluster_id',
  );
  const countryClusters: Record<string, string[]> = {};
  for (const row of clusters.rows) {
    const list = countryClusters[row.country_code] ?? [];
    list.push(row.cluster_id);
    countryClusters[row.country_code] = list;
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
    products: products.rows.map((row) => ({ sku: row.sku, family: row.family, category: row.category })),
    fxRates: fx.rows.map((row) => ({ month: row.month, currency: row.currency, eurRate: plainDecimal(row.eur_rate) })),
    goals: goals.rows.map((row) => ({
      programId: row.program_id,
      participantId: row.participant_id,
      periodStart: row.period_start,
      metric: row.metric,
      target: plainDecimal(row.target),
    })),
    countryClusters,
  };
}
