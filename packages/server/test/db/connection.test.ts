import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_NEUTRAL } from '../../src/db/connection.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';

describe(`the storage layer on ${testDriver}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('applies no migration twice', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('returns dates as ISO strings and numerics and bigints as exact decimal strings', async () => {
    const { rows } = await db.query<{ d: string; n: string; b: string }>(
      "select '2026-03-31'::date d, 12345678901234.5678::numeric n, 9007199254740993::int8 b",
    );
    expect(rows[0]).toEqual({ d: '2026-03-31', n: '12345678901234.5678', b: '9007199254740993' });
  });

  it('runs a prepared query again with other parameters, on every pooled connection, with the same value shapes', async () => {
    const text = 'select $1::int8 * 2 as doubled, $2::date as day';
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) =>
        db.query<{ doubled: string; day: string }>(text, [n, `2026-01-${String(n).padStart(2, '0')}`], {
          prepared: true,
        }),
      ),
    );
    expect(answers.map((answer) => answer.rows[0])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => ({
        doubled: String(n * 2),
        day: `2026-01-${String(n).padStart(2, '0')}`,
      })),
    );
  });

  it('reports a write to the caches once it is committed: not reads, changes of no row, rolled-back or cache-neutral writes', async () => {
    let reported = 0;
    const stop = db.onCommittedWrite(() => reported++);
    try {
      await db.query('select count(*) from products');
      await db.query(`${CACHE_NEUTRAL} delete from products where sku = 'CW-0'`);
      // A job's poll that finds no work changes no row: not a write.
      await db.transaction(async (tx) => {
        await tx.query("insert into products (sku, name, family, category) select 'CW-0', 'x', 'f', 'c' where false");
        await tx.query("update products set name = 'n' where sku = 'nothing'");
      });
      expect(reported).toBe(0);
      await db.query("insert into products (sku, name, family, category) values ('CW-1', 'x', 'f', 'c')");
      expect(reported).toBe(1);
      let insideTransaction = -1;
      await db.transaction(async (tx) => {
        await tx.query("update products set name = 'y' where sku = 'CW-1'");
        insideTransaction = reported;
      });
      // Not while the transaction was open (others could not see the write yet), right after its commit.
      expect(insideTransaction).toBe(1);
      expect(reported).toBe(2);
      await expect(
        db.transaction(async (tx) => {
          await tx.query("update products set name = 'z' where sku = 'CW-1'");
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      await db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('products').set({ name: 'k' }).where('sku', '=', 'CW-1').execute();
      });
      expect(reported).toBe(3);
    } finally {
      stop();
    }
  });

  it('rolls back everything a failed transaction wrote', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("insert into products (sku, name, family, category) values ('RB-1', 'x', 'f', 'c')");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.query("select * from products where sku = 'RB-1'");
    expect(rows).toEqual([]);
  });

  it('bulk-loads rows with COPY inside a transaction', async () => {
    async function* chunks() {
      for (let batch = 0; batch < 3; batch++) {
        let text = '';
        for (let i = 0; i < 1000; i++) text += `CP-${batch}-${i}\tname\tfamily\tcategory\n`;
        yield text;
      }
    }
    const loaded = await db.transaction((tx) =>
      tx.copyFrom('copy products (sku, name, family, category) from stdin', chunks()),
    );
    expect(loaded).toBe(3000);
    const { rows } = await db.query<{ n: string }>("select count(*) n from products where sku like 'CP-%'");
    expect(rows[0]?.n).toBe('3000');
  });

  it('stamps updated_at when a row changes', async () => {
    await db.query("insert into products (sku, name, family, category) values ('TS-1', 'a', 'f', 'c')");
    const before = await db.query<{ updated_at: Date }>("select updated_at from products where sku = 'TS-1'");
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.query("update products set name = 'b' where sku = 'TS-1'");
    const after = await db.query<{ updated_at: Date }>("select updated_at from products where sku = 'TS-1'");
    expect(after.rows[0]!.updated_at.getTime()).toBeGreaterThan(before.rows[0]!.updated_at.getTime());
  });

  it('offers a typed query builder over the same connection pool', async () => {
    await db.kysely.insertInto('user_groups').values({ group_id: 'g1', name: 'Storage sellers' }).execute();
    const groups = await db.kysely.selectFrom('user_groups').select(['group_id', 'name']).execute();
    expect(groups).toEqual([{ group_id: 'g1', name: 'Storage sellers' }]);
  });
});

describe('reference data', () => {
  it('seeds 38 EMEA countries and the DACH cluster after migrating', async () => {
    const db = await createTestDb();
    try {
      const countries = await db.query<{ n: string }>('select count(*) n from countries');
      expect(countries.rows[0]?.n).toBe('38');
      const dach = await db.query<{ country_code: string }>(
        "select country_code from cluster_countries where cluster_id = 'DACH' order by 1",
      );
      expect(dach.rows.map((row) => row.country_code)).toEqual(['AT', 'CH', 'DE']);
    } finally {
      await db.destroy();
    }
  });
});
