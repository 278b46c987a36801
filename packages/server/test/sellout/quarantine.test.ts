import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importSellOutFile } from '../../src/sellout/import-service.ts';
import { listQuarantine, releaseQuarantine } from '../../src/sellout/quarantine.ts';
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
    'truncate sellout_lines, sellout_line_history, sellout_quarantine, sellout_import_errors, sellout_import_consumers, sellout_imports',
  );
  await db.query(`delete from partners where partner_id in ('R-404', 'R-405')`);
  await db.query(`delete from products where sku in ('SKU-404', 'SKU-405')`);
});

const pending = async () =>
  (await listQuarantine(db))
    .map((line) => [line.lineId, line.reasons.join('+')])
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

describe('quarantine of lines with unknown master data', () => {
  it('keeps a line with an unknown reseller or SKU with its reasons instead of importing it', async () => {
    const report = await importSellOutFile(db, { file: fixture('unknown-master-data.csv'), distributorId: 'D-1' });
    expect(report).toMatchObject({ linesRead: 4, imported: 1, quarantined: 3, errors: 0 });
    expect(await pending()).toEqual([
      ['L-20', 'unknown_reseller'],
      ['L-21', 'unknown_sku'],
      ['L-22', 'unknown_reseller+unknown_sku'],
    ]);
  });

  it('adds no second quarantine entry when the same file comes again', async () => {
    await importSellOutFile(db, { file: fixture('unknown-master-data.csv'), distributorId: 'D-1' });
    const again = await importSellOutFile(db, { file: fixture('unknown-master-data.csv'), distributorId: 'D-1' });
    expect(again).toMatchObject({ imported: 0, duplicates: 1, quarantined: 3 });
    expect((await db.query('select 1 from sellout_quarantine')).rows).toHaveLength(3);
  });

  it('releases the lines whose master data now exists and keeps the others', async () => {
    await importSellOutFile(db, { file: fixture('unknown-master-data.csv'), distributorId: 'D-1' });
    expect(await releaseQuarantine(db)).toEqual([]);
    await db.query(
      `insert into partners (partner_id, name, type, country, distributor_id) values ('R-404', 'Late AB', 'reseller', 'SE', 'D-1')`,
    );
    await db.query(
      `insert into products (sku, name, family, category) values ('SKU-404', 'Late', 'servers', 'hardware')`,
    );
    const [release] = await releaseQuarantine(db);
    expect(release).toMatchObject({ distributorId: 'D-1', releasable: 2, imported: 2, stillQuarantined: 1 });
    const released = await db.query<{ line_id: string; import_id: string }>(
      `select line_id, import_id from sellout_lines where line_id in ('L-20', 'L-21') order by line_id`,
    );
    expect(released.rows.map((row) => [row.line_id, row.import_id])).toEqual([
      ['L-20', release!.importId],
      ['L-21', release!.importId],
    ]);
    expect(await pending()).toEqual([['L-22', 'unknown_reseller+unknown_sku']]);
    const kinds = await db.query<{ kind: string }>('select kind from sellout_imports order by import_id');
    expect(kinds.rows.map((row) => row.kind)).toEqual(['file', 'quarantine_release']);
  });

  it('resolves a quarantined line when a later report sends it with known master data', async () => {
    await importSellOutFile(db, { file: fixture('unknown-master-data.csv'), distributorId: 'D-1' });
    const fixed = await importSellOutFile(db, { file: fixture('unknown-fixed.csv'), distributorId: 'D-1' });
    expect(fixed).toMatchObject({ imported: 1, quarantined: 0 });
    expect(await pending()).toEqual([
      ['L-21', 'unknown_sku'],
      ['L-22', 'unknown_reseller+unknown_sku'],
    ]);
    const resolved = await db.query('select resolution from sellout_quarantine where line_id = $1', ['L-20']);
    expect(resolved.rows).toEqual([{ resolution: 'superseded' }]);
  });
});
