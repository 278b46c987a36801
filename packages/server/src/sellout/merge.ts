import type { Tx } from '../db/connection-types.ts';

/** Serialises merges so that import ids (the watermark) are taken in commit order. */
export const SELL_OUT_MERGE_LOCK = 726_002;

export type Outcome = 'new' | 'duplicate' | 'correction' | 'quarantine' | 'conflict';

export interface MergeCounts {
  imported: number;
  duplicates: number;
  corrections: number;
  quarantined: number;
  /** Rows with problems plus in-file repeats of a line id with different values. */
  errors: number;
}

/** Column names of the file for each field, to give conflicting repeats back as the user sent them. */
export interface MergeColumns {
  lineId: string;
  invoiceDate: string;
  resellerId: string;
  repId: string;
  sku: string;
  quantity: string;
  netAmount: string;
  currency: string;
}

const VALUES = 'invoice_date, reseller_id, rep_id, sku, quantity, net_amount, currency';
const STAGE_VALUES = `s.${VALUES.replaceAll(', ', ', s.')}`;

/**
 * Merges the staged rows of one distributor into the sell-out tables, set-based: classifies each
 * row once, then writes history, corrections, new lines, quarantine and errors in a few statements.
 * `resolution` names what happens to a pending quarantined line the stage now carries.
 */
export async function mergeStage(
  tx: Tx,
  importId: string,
  distributorId: string,
  columns: MergeColumns,
  resolution: 'released' | 'superseded',
): Promise<MergeCounts> {
  await tx.exec(`create temp table sellout_outcome (
    file_line integer not null,
    line_id text collate "C" not null,
    invoice_date date not null,
    reseller_id text not null,
    rep_id text,
    sku text not null,
    quantity integer not null,
    net_amount numeric not null,
    currency char(3) not null,
    outcome text not null,
    first_line integer not null,
    reasons text[] not null
  ) on commit drop`);
  // Within the file, the first occurrence of a line id counts; later ones are duplicates or conflicts.
  // Ranking needs a sort of the whole stage, so it only runs when some line id repeats.
  const repeats = await tx.query(
    'select 1 from sellout_stage where problems is null group by line_id having count(*) > 1 limit 1',
  );
  const ranked =
    repeats.rows.length === 0
      ? `select s.*, 1 as occurrence, s.file_line as first_line, true as same_as_first
         from sellout_stage s where s.problems is null`
      : `select s.*,
                row_number() over w as occurrence,
                first_value(s.file_line) over w as first_line,
                first_value(row(${STAGE_VALUES})) over w
                  is not distinct from row(${STAGE_VALUES}) as same_as_first
         from sellout_stage s
         where s.problems is null
         window w as (partition by s.line_id order by s.file_line)`;
  // Only rows that are not plain new lines are kept here: new lines (nearly all of a weekly file) go
  // from the stage straight into sellout_lines, which saves writing and re-reading every row once.
  await tx.query(
    `insert into sellout_outcome
     with ranked as (${ranked}),
     classified as (
       select r.file_line, r.line_id, r.invoice_date, r.reseller_id, r.rep_id, r.sku, r.quantity, r.net_amount,
              r.currency,
              case
                when r.occurrence > 1 and r.same_as_first then 'duplicate'
                when r.occurrence > 1 then 'conflict'
                when l.line_id is not null
                     and (l.invoice_date, l.reseller_id, l.rep_id, l.sku, l.quantity, l.net_amount, l.currency)
                         is not distinct from
                         (r.invoice_date, r.reseller_id, r.rep_id, r.sku, r.quantity, r.net_amount, r.currency)
                  then 'duplicate'
                when p.partner_id is null or pr.sku is null then 'quarantine'
                when l.line_id is null then 'new'
                else 'correction'
              end as outcome,
              r.first_line,
              array_remove(array[
                case when p.partner_id is null then 'unknown_reseller' end,
                case when pr.sku is null then 'unknown_sku' end
              ], null) as reasons
       from ranked r
       left join partners p on p.partner_id = r.reseller_id
       left join products pr on pr.sku = r.sku
       left join sellout_lines l on l.distributor_id = $1 and l.line_id = r.line_id
     )
     select * from classified where outcome <> 'new'`,
    [distributorId],
  );
  const byOutcome = new Map<Outcome, number>();
  const counted = await tx.query<{ outcome: Outcome; count: string }>(
    'select outcome, count(*) as count from sellout_outcome group by outcome',
  );
  for (const row of counted.rows) byOutcome.set(row.outcome, Number(row.count));
  const count = (outcome: Outcome) => byOutcome.get(outcome) ?? 0;
  const notNew = [...byOutcome.values()].reduce((sum, rows) => sum + rows, 0);
  // Without statistics a temp table looks tiny to the planner, which then probes it once per row.
  if (notNew > 0) await tx.exec('analyze sellout_outcome');

  if (count('correction') > 0) {
    await tx.query(
      `insert into sellout_line_history
         (distributor_id, line_id, version, ${VALUES}, import_id, superseded_by_import_id)
       select l.distributor_id, l.line_id, l.version, l.invoice_date, l.reseller_id, l.rep_id, l.sku, l.quantity,
              l.net_amount, l.currency, l.import_id, $2::bigint
       from sellout_lines l
       join sellout_outcome o on l.distributor_id = $1 and l.line_id = o.line_id
       where o.outcome = 'correction'`,
      [distributorId, importId],
    );
    await tx.query(
      `update sellout_lines l
       set invoice_date = o.invoice_date, reseller_id = o.reseller_id, rep_id = o.rep_id, sku = o.sku,
           quantity = o.quantity, net_amount = o.net_amount, currency = o.currency,
           import_id = $2, version = l.version + 1
       from sellout_outcome o
       where o.outcome = 'correction' and l.distributor_id = $1 and l.line_id = o.line_id`,
      [distributorId, importId],
    );
  }
  // The valid rows that are in no other outcome are the new lines. In key order, the primary key
  // fills its pages one after the other instead of touching pages all over a large index.
  const inserted = await tx.query(
    `insert into sellout_lines (distributor_id, line_id, ${VALUES}, import_id)
     select $1::text, s.line_id, ${STAGE_VALUES}, $2::bigint
     from sellout_stage s
     where s.problems is null${notNew > 0 ? ' and not exists (select from sellout_outcome o where o.file_line = s.file_line)' : ''}
     order by s.line_id`,
    [distributorId, importId],
  );
  const pendingQuarantine = await tx.query(
    'select 1 from sellout_quarantine where distributor_id = $1 and resolution is null limit 1',
    [distributorId],
  );
  if (pendingQuarantine.rows.length > 0) {
    await tx.query(
      `update sellout_quarantine q
       set resolution = $3, resolved_import_id = $2, resolved_at = now()
       where q.resolution is null and q.distributor_id = $1
         and (exists (select from sellout_lines l
                      where l.distributor_id = $1 and l.line_id = q.line_id and l.import_id = $2)
              or exists (select from sellout_outcome o where o.line_id = q.line_id and o.outcome = 'duplicate'))`,
      [distributorId, importId, resolution],
    );
  }
  if (count('quarantine') > 0) {
    await tx.query(
      `insert into sellout_quarantine (distributor_id, line_id, ${VALUES}, reasons, import_id, file_line)
       select $1::text, line_id, ${VALUES}, reasons, $2::bigint, file_line from sellout_outcome where outcome = 'quarantine'
       on conflict (distributor_id, line_id) where resolution is null do update
       set invoice_date = excluded.invoice_date, reseller_id = excluded.reseller_id, rep_id = excluded.rep_id,
           sku = excluded.sku, quantity = excluded.quantity, net_amount = excluded.net_amount,
           currency = excluded.currency, reasons = excluded.reasons, import_id = excluded.import_id,
           file_line = excluded.file_line`,
      [distributorId, importId],
    );
  }
  const errors = await tx.query(
    `insert into sellout_import_errors (import_id, file_line, problems, raw)
     select $1::bigint, file_line, problems, raw from sellout_stage where problems is not null
     union all
     select $1::bigint, file_line,
            jsonb_build_array(jsonb_build_object(
              'code', 'conflicting_repeat', 'column', $2::text, 'value', line_id,
              'message', format('line id repeated with different values (first at line %s)', first_line))),
            jsonb_build_object($2::text, line_id, $3::text, invoice_date::text, $4::text, reseller_id,
              $5::text, coalesce(rep_id, ''), $6::text, sku, $7::text, quantity::text, $8::text, net_amount::text,
              $9::text, currency)
     from sellout_outcome where outcome = 'conflict'`,
    [
      importId,
      columns.lineId,
      columns.invoiceDate,
      columns.resellerId,
      columns.repId,
      columns.sku,
      columns.quantity,
      columns.netAmount,
      columns.currency,
    ],
  );
  return {
    imported: inserted.rowCount,
    duplicates: count('duplicate'),
    corrections: count('correction'),
    quarantined: count('quarantine'),
    errors: errors.rowCount,
  };
}
