import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { seedSellOutMasterData } from './master-data.ts';

let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await createTestDb();
  await seedSellOutMasterData(db);
  dir = mkdtempSync(join(tmpdir(), 'spur-line-ids-'));
});
afterAll(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** Line ids a linguistic collation orders differently from their bytes (case, accents, digits). */
const LINE_IDS = ['b-1', 'B-1', 'a-10', 'a-9', 'é-2', 'e-3', 'Z-4', '10-5', '9-6'];

function reportWith(lineIds: readonly string[]): string {
  const file = join(dir, 'line-ids.csv');
  const rows = lineIds.map((id) => `D-1,${id},2026-03-02,R-1,,SKU-1,1,100.00,EUR`);
  writeFileSync(
    file,
    `distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency\n${rows.join('\n')}\n`,
  );
  return file;
}

describe(`sell-out line ids on ${testDriver}`, () => {
  it('are compared byte by byte in every table that holds one, whatever the database collation', async () => {
    const { rows } = await db.query<{ table_name: string; collation: string }>(
      `select c.relname as table_name, coalesce(co.collname, 'default') as collation
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid and c.relkind = 'r'
       join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
       left join pg_collation co on co.oid = a.attcollation and a.attcollation <> 100
       where a.attname = 'line_id' and not a.attisdropped
       order by 1`,
    );
    expect(rows).toEqual([
      { table_name: 'sellout_line_history', collation: 'C' },
      { table_name: 'sellout_lines', collation: 'C' },
      { table_name: 'sellout_quarantine', collation: 'C' },
    ]);
  });

  it('sort in byte order and tell case and accents apart, on the bulk and the staged path alike', async () => {
    const first = await importSellOutFile(db, { file: reportWith(LINE_IDS), distributorId: 'D-1' });
    expect(first).toMatchObject({ loadPath: 'bulk', imported: LINE_IDS.length, duplicates: 0 });
    const again = await importSellOutFile(db, { file: reportWith(LINE_IDS), distributorId: 'D-1', bulk: false });
    expect(again).toMatchObject({ loadPath: 'staged', imported: 0, duplicates: LINE_IDS.length });

    const { rows } = await db.query<{ line_id: string }>(
      "select line_id from sellout_lines where distributor_id = 'D-1' order by line_id",
    );
    const byBytes = [...LINE_IDS].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(rows.map((row) => row.line_id)).toEqual(byBytes);
  });
});
