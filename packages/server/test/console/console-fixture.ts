import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SELLOUT_HEADER } from '../../src/demo/sellout.ts';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import type { World } from '../http/api-fixture.ts';

/**
 * A cash program for resellers: 10 EUR per SKU-A unit, monthly, a 150 EUR budget per month
 * (pro rata), paid 14 days after the month.
 */
export const RESELLER_BONUS = `
id: reseller-bonus
name: Reseller bonus
unit: EUR
start: 2026-01-01
period: { type: month }
participants: partners
eligibility: { partner_types: [reseller] }
measure: { metric: units, products: { skus: [SKU-A] } }
rewards:
  - type: per_unit
    by: sku
    amounts: { SKU-A: 10 }
budget: { amount: 150, policy: pro_rata }
payout_due_days: 14
`;

/**
 * Sell-out through DIST-A for the API world: January RES-A 5 and RES-B 7 units (120 EUR, under
 * budget), February RES-A 10 and RES-B 10 units (200 EUR, over the 150 EUR budget).
 */
export async function seedConsoleSellOut(world: World): Promise<void> {
  await world.db.query(
    `insert into products (sku, name, family, category) values ('SKU-A', 'Server A', 'SERVER', 'HW')`,
  );
  await importReport(world, [
    ['L1', '2026-01-10', 'RES-A', 5],
    ['L2', '2026-01-12', 'RES-B', 7],
    ['L3', '2026-02-03', 'RES-A', 10],
    ['L4', '2026-02-20', 'RES-B', 10],
  ]);
}

/** Imports one sell-out report of DIST-A through the regular import (a known line id is a correction). */
export async function importReport(
  world: World,
  rows: readonly (readonly [string, string, string, number])[],
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'spur-console-'));
  try {
    const body = rows.map(
      ([id, date, reseller, qty]) => `DIST-A,${id},${date},${reseller},,SKU-A,${qty},${qty * 100}.00,EUR\n`,
    );
    const file = join(dir, 'report.csv');
    await writeFile(file, SELLOUT_HEADER + body.join(''));
    await importSellOutFile(world.db, { file, distributorId: 'DIST-A' });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
