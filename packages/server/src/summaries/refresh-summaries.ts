import type { Queryable, Tx } from '../db/connection-types.ts';

/**
 * Rewrites the summary rows of one program period from its earnings (a few thousand rows at
 * most, never the sell-out lines), in the run's transaction, so dashboards stay current.
 */
export async function refreshSummaries(
  tx: Tx,
  programId: string,
  periodStart: string,
  status: 'provisional' | 'final',
): Promise<void> {
  await tx.query('delete from summary_participants where program_id = $1 and period_start = $2', [
    programId,
    periodStart,
  ]);
  await tx.query('delete from summary_totals where program_id = $1 and period_start = $2', [programId, periodStart]);
  // A rep counts for the partner it works for; the measure is the engine's first measure step.
  await tx.query(
    `insert into summary_participants (program_id, period_start, participant_type, participant_id, partner_id,
       partner_type, country, unit, amount, measure, status)
     select e.program_id, e.period_start, e.participant_type, e.participant_id, p.partner_id, p.type, p.country,
       e.unit, e.amount,
       (select (s ->> 'value')::numeric from jsonb_array_elements(e.explanation -> 'steps') s
         where s ->> 'step' = 'measure' limit 1),
       $3
     from earnings e
     left join users u on e.participant_type = 'user' and u.user_id = e.participant_id
     left join partners p on p.partner_id = case when e.participant_type = 'user' then u.partner_id else e.participant_id end
     where e.program_id = $1 and e.period_start = $2`,
    [programId, periodStart, status],
  );
  await tx.query(
    `insert into summary_totals (program_id, period_start, dimension, dimension_key, unit, amount, earners, status)
     select program_id, period_start, dimension, dimension_key, min(unit), sum(amount),
       count(*) filter (where amount <> 0), $3
     from (
       select s.*, 'program' as dimension, '' as dimension_key from summary_participants s
       union all select s.*, 'partner', coalesce(s.partner_id, '') from summary_participants s
       union all select s.*, 'country', coalesce(s.country, '') from summary_participants s
       union all select s.*, 'partner_type', coalesce(s.partner_type, '') from summary_participants s
       union all select s.*, 'cluster', c.cluster_id from summary_participants s
         join cluster_countries c on c.country_code = s.country
     ) d
     where program_id = $1 and period_start = $2
     group by program_id, period_start, dimension, dimension_key`,
    [programId, periodStart, status],
  );
}

export interface SummaryTotal {
  periodStart: string;
  dimension: string;
  key: string;
  unit: string;
  amount: string;
  earners: number;
  status: 'provisional' | 'final';
}

/** Dashboard totals of a program by one dimension, every period; reads only summary rows. */
export async function summaryTotals(
  q: Queryable,
  programId: string,
  dimension: 'program' | 'partner' | 'country' | 'cluster' | 'partner_type',
): Promise<SummaryTotal[]> {
  const { rows } = await q.query<{
    period_start: string;
    dimension: string;
    dimension_key: string;
    unit: string;
    amount: string;
    earners: number;
    status: 'provisional' | 'final';
  }>(
    `select period_start::text as period_start, dimension, dimension_key, unit, amount::text as amount, earners, status
     from summary_totals where program_id = $1 and dimension = $2 order by period_start, dimension_key`,
    [programId, dimension],
  );
  return rows.map((row) => ({
    periodStart: row.period_start,
    dimension: row.dimension,
    key: row.dimension_key,
    unit: row.unit,
    amount: row.amount,
    earners: Number(row.earners),
    status: row.status,
  }));
}
