import type { SpurDb } from '../db/connection-types.ts';
import { TOUCHED_DATES_SQL, takeUnprocessedImports } from '../sellout/import-consumers.ts';

/**
 * Brings summary_sellout_monthly up to date with every committed import. Corrections replace line
 * versions, so the months an import touched (including the month a corrected line left) are
 * recomputed whole, not added to; untouched months stay. Serialized by an advisory lock, so
 * concurrent dashboards rebuild once.
 */
export async function refreshSellOutSummary(db: SpurDb): Promise<void> {
  const pending = await db.query<{ pending: boolean }>(
    `select exists (
       select 1 from sellout_imports i
       where not exists (select 1 from sellout_import_consumers c where c.consumer = 'monthly-summary' and c.import_id = i.import_id)
     ) as pending`,
  );
  if (!pending.rows[0]?.pending) return;
  await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['spur.summary_sellout_monthly']);
    const importIds = await takeUnprocessedImports(tx, 'monthly-summary');
    if (importIds.length === 0) return;
    const touched = `select distinct date_trunc('month', invoice_date)::date as month from (${TOUCHED_DATES_SQL}) touched`;
    await tx.query(`delete from summary_sellout_monthly where month in (${touched})`, [importIds]);
    await tx.query(
      `insert into summary_sellout_monthly (month, reseller_id, country, currency, lines, units, net_amount)
       select date_trunc('month', l.invoice_date)::date, l.reseller_id, max(p.country), l.currency,
         count(*), sum(l.quantity), sum(l.net_amount)
       from sellout_lines l left join partners p on p.partner_id = l.reseller_id
       where date_trunc('month', l.invoice_date)::date in (${touched})
       group by 1, l.reseller_id, l.currency`,
      [importIds],
    );
  });
}
