import type { Queryable } from '../../src/db/connection-types.ts';

/** The partners and products the sell-out fixtures refer to (R-404, SKU-404 ... are left unknown). */
export async function seedSellOutMasterData(db: Queryable): Promise<void> {
  await db.query(
    `insert into partners (partner_id, name, type, country, distributor_id) values
       ('D-1', 'Nordic Distribution AB', 'distributor', 'SE', null),
       ('D-2', 'Müller Distribution GmbH', 'distributor', 'DE', null),
       ('R-1', 'Stockholm IT AB', 'reseller', 'SE', 'D-1'),
       ('R-2', 'Göteborg Data AB', 'reseller', 'SE', 'D-1')`,
  );
  await db.query(
    `insert into products (sku, name, family, category) values
       ('SKU-1', 'ProLiant DL380', 'servers', 'hardware'),
       ('SKU-2', 'Smart Array license', 'software', 'software')`,
  );
}
