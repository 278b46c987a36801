import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Queryable } from '../db/connection-types.ts';

/** A plain, deterministic sell-out report for benchmarks and crash tests (the demo data is richer). */
export interface SyntheticReport {
  distributorId: string;
  resellers: number;
  skus: number;
}

export const SYNTHETIC_REPORT: SyntheticReport = { distributorId: 'D-SYN', resellers: 2000, skus: 200 };

const resellerId = (index: number) => `R-SYN-${String(index).padStart(5, '0')}`;
const sku = (index: number) => `SKU-SYN-${String(index).padStart(4, '0')}`;

/** Adds the distributor, resellers and products the synthetic report refers to. */
export async function seedSyntheticMasterData(db: Queryable, report = SYNTHETIC_REPORT): Promise<void> {
  await db.query(
    `insert into partners (partner_id, name, type, country) values ($1, 'Synthetic Distribution', 'distributor', 'DE')
     on conflict do nothing`,
    [report.distributorId],
  );
  await db.query(
    `insert into partners (partner_id, name, type, country, distributor_id)
     select 'R-SYN-' || lpad(i::text, 5, '0'), 'Reseller ' || i, 'reseller', 'DE', $1
     from generate_series(0, $2 - 1) as i
     on conflict do nothing`,
    [report.distributorId, report.resellers],
  );
  await db.query(
    `insert into products (sku, name, family, category)
     select 'SKU-SYN-' || lpad(i::text, 4, '0'), 'Product ' || i, 'servers', 'hardware'
     from generate_series(0, $1 - 1) as i
     on conflict do nothing`,
    [report.skus],
  );
}

/**
 * Writes `lines` canonical CSV lines: a year of invoices, one return in twenty, amounts with two
 * decimals computed in integer cents.
 */
export async function writeSyntheticReport(path: string, lines: number, report = SYNTHETIC_REPORT): Promise<void> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency\n');
  const yearStart = Date.UTC(2026, 0, 1);
  let chunk = '';
  for (let index = 0; index < lines; index++) {
    // A cheap deterministic spread (Knuth's multiplicative hash) instead of a seeded RNG.
    const spread = Math.imul(index + 1, 2654435761) >>> 0;
    const day = new Date(yearStart + (spread % 365) * 86_400_000).toISOString().slice(0, 10);
    const quantity = ((spread >>> 9) % 9) + 1;
    const sign = index % 20 === 19 ? -1 : 1;
    const cents = sign * quantity * (1000 + ((spread >>> 5) % 500_000));
    const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
    const rep = index % 3 === 0 ? '' : `U-SYN-${(spread >>> 3) % 8000}`;
    chunk += `${report.distributorId},L${index},${day},${resellerId(spread % report.resellers)},${rep},${sku((spread >>> 11) % report.skus)},${sign * quantity},${amount},${index % 7 === 0 ? 'SEK' : 'EUR'}\n`;
    if (chunk.length > 256 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
}
