import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from '../helpers/test-db.ts';
import { createWorld, sessionClient, type World } from '../http/api-fixture.ts';
import { upload, waitForImport } from './upload-client.ts';

const header = 'line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency';
const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => `R${i},2026-01-05,RES-A,SRV-1,1,10.00,EUR`).join('\n');

describe(`upload limits on ${testDriver}`, () => {
  let world: World;
  beforeAll(async () => {
    process.env.SPUR_UPLOAD_MAX_BYTES = '2000';
    process.env.SPUR_UPLOAD_MAX_LINES = '10';
    try {
      world = await createWorld({ worker: true });
    } finally {
      delete process.env.SPUR_UPLOAD_MAX_BYTES;
      delete process.env.SPUR_UPLOAD_MAX_LINES;
    }
    await world.db.query(
      "insert into products (sku, name, family, category) values ('SRV-1', 'Server', 'SERVER', 'hw')",
    );
  });
  afterAll(async () => {
    await world?.close();
  });

  it('answers 413 upload_too_large for a file above the byte limit and imports nothing', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const response = await upload(world.app, admin, 'big.csv', `${header}\n${'x'.repeat(3000)}`);
    expect(response.statusCode).toBe(413);
    expect(JSON.parse(response.body).error).toMatchObject({ code: 'upload_too_large', details: { max_bytes: 2000 } });
    expect((await world.db.query('select count(*)::int as n from sellout_imports')).rows).toEqual([{ n: 0 }]);
  });

  it('fails an import above the row limit with too_many_lines and keeps none of its rows', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const within = await upload(world.app, admin, 'ten.csv', `${header}\n${rows(10)}`);
    expect(await waitForImport(admin, JSON.parse(within.body).import_id)).toMatchObject({
      status: 'finished',
      imported: 10,
    });
    const above = await upload(world.app, admin, 'eleven.csv', `${header}\n${rows(11).replace(/R(\d+)/g, 'S$1')}`);
    const status = await waitForImport(admin, JSON.parse(above.body).import_id);
    expect(status).toMatchObject({ status: 'failed', error: { code: 'too_many_lines' } });
    expect((status.error as { message: string }).message).toBe('eleven.csv: more than 10 data rows; split the report');
    const lines = await world.db.query("select count(*)::int as n from sellout_lines where line_id like 'S%'");
    expect(lines.rows).toEqual([{ n: 0 }]);
  });
});
