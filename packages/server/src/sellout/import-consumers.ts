import type { Queryable } from '../db/connection-types.ts';

/** Work that must see every committed sell-out import once (see migration 0010). */
export type ImportConsumer = 'run-planner' | 'monthly-summary';

/**
 * Takes the committed imports `consumer` has not processed yet and marks them processed, inside
 * the caller's transaction (which should hold the consumer's advisory lock), whatever order the
 * imports committed in. Returns their ids.
 */
export async function takeUnprocessedImports(tx: Queryable, consumer: ImportConsumer): Promise<string[]> {
  const { rows } = await tx.query<{ import_id: string }>(
    `insert into sellout_import_consumers (consumer, import_id)
     select $1, i.import_id from sellout_imports i
     where not exists (select 1 from sellout_import_consumers c where c.consumer = $1 and c.import_id = i.import_id)
     returning import_id::text as import_id`,
    [consumer],
  );
  return rows.map((row) => row.import_id).sort((a, b) => Number(a) - Number(b));
}

/**
 * The invoice dates the given imports touched: the dates of the line versions they wrote and of
 * the versions they replaced (a correction that moves a line touches both dates).
 */
export const TOUCHED_DATES_SQL = `
  select invoice_date from sellout_lines where import_id = any($1::bigint[])
  union
  select invoice_date from sellout_line_history where superseded_by_import_id = any($1::bigint[])`;
