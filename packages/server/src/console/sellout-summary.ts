import type { SpurDb } from '../db/connection-types.ts';

/**
 * Brings summary_sellout_monthly up to the newest import. Corrections replace line versions, so
 * the months an import touched are recomputed whole (not added to); untouched months stay.
 * Serialized by an advisory lock, so concurrent dashboards rebuild once.
 */
export async function refreshSellOutSummary(db: SpurDb): Promise<void> {
  const { rows } = await db.query<{ latest: string; seen: string | null }>(
    `select coalesce((select max(import_id) from sellout_imports), 0)::text as latest,
       (select import_id::text from summary_sellout_watermark where name = 'monthly') as seen`,
  );
  const latest = rows[0]!.latest;
  if (rows[0]!.seen === latest) return;
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['spur.summary_sellout_monthly']);
    const { rows: again } = await tx.query<{ seen: string | null }>(
      `select import_id::text as seen from summary_sellout_watermark where name = 'monthly'`,
    );
    const seen = again[0]?.seen ?? '0';
    // Months holding any line written by an import after the watermark.
    const touched = `select distinct date_trunc('month', invoice_date)::date as month from sellout_lines where import_id > $1`;
    await tx.query(`delete from summary_sellout_monthly where month in (${touched})`, [seen]);
    await tx.query(
      `insert into summary_sellout_monthly (month, reseller_id, country, currency, lines, units, net_amount)
       select date_trunc('month', l.invoice_date)::date, l.reseller_id, max(p.country), l.currency,
         count(*), sum(l.quantity), sum(l.net_amount)
       from sellout_lines l left join partners p on p.partner_id = l.reseller_id
       where date_trunc('month', l.invoice_date)::date in (${touched})
       group by 1, l.reseller_id, l.currency`,
      [seen],
    );
    await tx.query(
      `insert into summary_sellout_watermark (name, import_id) values ('monthly', $1)
       on conflict (name) do update set import_id = excluded.import_id`,
      [latest],
    );
  });
}
