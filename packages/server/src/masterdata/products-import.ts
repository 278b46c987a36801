import type { SpurDb } from '../db/connection-types.ts';
import { type ImportOptions, type ImportReport, importMasterDataFile, type MasterDataEntity } from './import-runner.ts';

export type ProductRecord = { sku: string; name: string; family: string; category: string };

export const productsEntity: MasterDataEntity<ProductRecord> = {
  entity: 'product',
  columns: ['sku', 'name', 'family', 'category'],
  idColumn: 'sku',

  parse(fields) {
    const sku = fields.text('sku');
    const name = fields.text('name');
    const family = fields.text('family');
    const category = fields.text('category');
    return { sku, name, family, category };
  },

  naturalId: (record) => record.sku,

  async loadExisting(tx, records) {
    const { rows } = await tx.query<ProductRecord>(
      'select sku, name, family, category from products where sku = any($1::text[])',
      [records.map((record) => record.sku)],
    );
    return new Map(rows.map((row) => [row.sku, row]));
  },

  async write(tx, changes) {
    const products = changes.map((change) => change.after);
    await tx.query(
      `insert into products (sku, name, family, category)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])
       on conflict (sku) do update set name = excluded.name, family = excluded.family, category = excluded.category`,
      [
        products.map((p) => p.sku),
        products.map((p) => p.name),
        products.map((p) => p.family),
        products.map((p) => p.category),
      ],
    );
    return [];
  },
};

/** Imports a products file (CSV or XLSX): `sku,name,family,category`. */
export function importProducts(db: SpurDb, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importMasterDataFile(db, productsEntity, path, options);
}
