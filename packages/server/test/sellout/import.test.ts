import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import { fixture } from './fixtures.ts';
import { seedSellOutMasterData } from './master-data.ts';

let db: TestDb;

beforeAll(async () => {
  db = await createTestDb();
  await seedSellOutMasterData(db);
});
afterAll(() => db.destroy());

beforeEach(async () => {
  await db.query(
    'truncate sellout_lines, sellout_line_history, sellout_quarantine, sellout_import_errors, sellout_imports',
  );
});

async function lines() {
  const result = await db.query(
    `select line_id, invoice_date, reseller_id, rep_id, sku, quantity, net_amount::text as net_amount, currency, version
     from sellout_lines order by line_id`,
  );
  return result.rows;
}

describe('importing a canonical sell-out report', () => {
  it('imports every line with exact amounts and reports the counts', async () => {
    const report = await importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-1' });
    expect(report).toMatchObject({
      linesRead: 5,
      imported: 5,
      duplicates: 0,
      corrections: 0,
      quarantined: 0,
      errors: 0,
    });
    const rows = await lines();
    expect(rows[0]).toEqual({
      line_id: 'L-1',
      invoice_date: '2026-03-02',
      reseller_id: 'R-1',
      rep_id: 'U-1',
      sku: 'SKU-1',
      quantity: 2,
      net_amount: '2400.00',
      currency: 'EUR',
      version: 1,
    });
    expect(rows[3]).toMatchObject({ line_id: 'L-4', rep_id: null, quantity: -1, net_amount: '-99.90' });
  });

  it('adds nothing when the same file is imported twice', async () => {
    const first = await importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-1' });
    const before = await lines();
    const second = await importSellOutFile(db, { file: fixture('canonical.csv'), distributorId: 'D-1' });
    expect(second).toMatchObject({ linesRead: 5, imported: 0, duplicates: 5, corrections: 0 });
    expect(await lines()).toEqual(before);
    expect(Number(second.importId)).toBeGreaterThan(Number(first.importId));
  });
});
