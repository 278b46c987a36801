import type { SpurDb } from '../db/connection-types.ts';
import { canonicalMergeColumns } from './import-service.ts';
import { type MergeCounts, mergeStage, SELL_OUT_MERGE_LOCK } from './merge.ts';
import { createStage } from './stage.ts';

export interface QuarantinedLine {
  quarantineId: string;
  distributorId: string;
  lineId: string;
  invoiceDate: string;
  resellerId: string;
  sku: string;
  quantity: number;
  netAmount: string;
  currency: string;
  reasons: string[];
  importId: string;
  fileLine: number | null;
}

export async function listQuarantine(
  db: SpurDb,
  options: { distributorId?: string; limit?: number } = {},
): Promise<QuarantinedLine[]> {
  const result = await db.query<{
    quarantine_id: string;
    distributor_id: string;
    line_id: string;
    invoice_date: string;
    reseller_id: string;
    sku: string;
    quantity: number;
    net_amount: string;
    currency: string;
    reasons: string[];
    import_id: string;
    file_line: number | null;
  }>(
    `select quarantine_id, distributor_id, line_id, invoice_date, reseller_id, sku, quantity, net_amount, currency,
            reasons, import_id, file_line
     from sellout_quarantine
     where resolution is null and ($1::text is null or distributor_id = $1)
     order by distributor_id, line_id
     limit $2`,
    [options.distributorId ?? null, options.limit ?? 100],
  );
  return result.rows.map((row) => ({
    quarantineId: row.quarantine_id,
    distributorId: row.distributor_id,
    lineId: row.line_id,
    invoiceDate: row.invoice_date,
    resellerId: row.reseller_id,
    sku: row.sku,
    quantity: row.quantity,
    netAmount: row.net_amount,
    currency: row.currency,
    reasons: row.reasons,
    importId: row.import_id,
    fileLine: row.file_line,
  }));
}

export interface ReleaseReport extends MergeCounts {
  importId: string;
  distributorId: string;
  /** Quarantined lines whose reseller and SKU now exist. */
  releasable: number;
  /** Lines still waiting for master data. */
  stillQuarantined: number;
}

/**
 * Moves quarantined lines whose reseller and SKU now exist into the sell-out lines, one import
 * (kind quarantine_release) per distributor, through the same merge as a file: a line that arrived
 * meanwhile makes the released one a duplicate or a correction.
 */
export async function releaseQuarantine(
  db: SpurDb,
  options: { distributorId?: string } = {},
): Promise<ReleaseReport[]> {
  const distributors = await db.query<{ distributor_id: string }>(
    `select distinct q.distributor_id
     from sellout_quarantine q
     where q.resolution is null and ($1::text is null or q.distributor_id = $1)
       and exists (select 1 from partners p where p.partner_id = q.reseller_id)
       and exists (select 1 from products p where p.sku = q.sku)
     order by 1`,
    [options.distributorId ?? null],
  );
  const reports: ReleaseReport[] = [];
  for (const { distributor_id: distributorId } of distributors.rows) {
    reports.push(await releaseForDistributor(db, distributorId));
  }
  return reports;
}

async function releaseForDistributor(db: SpurDb, distributorId: string): Promise<ReleaseReport> {
  return db.transaction(async (tx) => {
    const startedAt = new Date();
    await createStage(tx);
    await tx.query('select pg_advisory_xact_lock($1)', [SELL_OUT_MERGE_LOCK]);
    const staged = await tx.query(
      `insert into sellout_stage
         (file_line, line_id, invoice_date, reseller_id, rep_id, sku, quantity, net_amount, currency)
       select coalesce(q.file_line, 0), q.line_id, q.invoice_date, q.reseller_id, q.rep_id, q.sku, q.quantity,
              q.net_amount, q.currency
       from sellout_quarantine q
       where q.resolution is null and q.distributor_id = $1
         and exists (select 1 from partners p where p.partner_id = q.reseller_id)
         and exists (select 1 from products p where p.sku = q.sku)`,
      [distributorId],
    );
    const inserted = await tx.query<{ import_id: string }>(
      `insert into sellout_imports (kind, distributor_id, lines_read, started_at)
       values ('quarantine_release', $1, $2, $3) returning import_id`,
      [distributorId, staged.rowCount, startedAt],
    );
    const importId = inserted.rows[0]!.import_id;
    const counts = await mergeStage(tx, importId, distributorId, canonicalMergeColumns(), 'released');
    await tx.query(
      `update sellout_imports
       set imported = $2, duplicates = $3, corrections = $4, quarantined = $5, errors = $6, finished_at = now()
       where import_id = $1`,
      [importId, counts.imported, counts.duplicates, counts.corrections, counts.quarantined, counts.errors],
    );
    const remaining = await tx.query<{ count: string }>(
      'select count(*) as count from sellout_quarantine where resolution is null and distributor_id = $1',
      [distributorId],
    );
    return {
      importId,
      distributorId,
      releasable: staged.rowCount,
      stillQuarantined: Number(remaining.rows[0]!.count),
      ...counts,
    };
  });
}
