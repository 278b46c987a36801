import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConsoleSellOut } from '../console/console-fixture.ts';
import { testDriver } from '../helpers/test-db.ts';
import { createWorld, sessionClient, type World } from '../http/api-fixture.ts';

const YEAR = '/api/v1/distributors/DIST-A/resellers?from=2026-01-01&to=2026-12-31';

describe(`a distributor's sales per reseller on ${testDriver}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    // DIST-A reported RES-A (5 + 10 units) and RES-B (7 + 10 units).
    await seedConsoleSellOut(world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it("shows the distributor's admin the sales figures of every reseller it reported, and nothing else of them", async () => {
    const client = await sessionClient(world, world.userIds.distributor_admin);
    const answer = await client.request('GET', YEAR);
    expect(answer.statusCode, answer.body).toBe(200);
    const page = JSON.parse(answer.body);
    expect(
      page.items.map((r: { reseller_id: string; units: string; lines: number }) => [r.reseller_id, r.units, r.lines]),
    ).toEqual([
      ['RES-A', '15', 2],
      ['RES-B', '17', 2],
    ]);
    expect(page.items[0].net_amount).toEqual([{ currency: 'EUR', amount: '1500.00' }]);
    expect(Object.keys(page.items[0]).sort()).toEqual([
      'country',
      'last_invoice_date',
      'lines',
      'name',
      'net_amount',
      'reseller_id',
      'units',
    ]);
  });

  it('counts only the invoice dates inside the window', async () => {
    const client = await sessionClient(world, world.userIds.distributor_admin);
    const page = JSON.parse((await client.request('GET', YEAR.replace('2026-12-31', '2026-01-31'))).body);
    expect(page.items.map((r: { units: string }) => r.units)).toEqual(['5', '7']);
  });

  it("answers another distributor's id as unknown and refuses roles outside the distributor and vendor staff", async () => {
    const other = await sessionClient(world, world.userIds.distAdminB);
    expect((await other.request('GET', YEAR)).statusCode).toBe(404);
    const rep = await sessionClient(world, world.userIds.sales_rep);
    expect((await rep.request('GET', YEAR)).statusCode).toBe(403);
    const finance = await sessionClient(world, world.userIds.finance);
    expect((await finance.request('GET', YEAR)).statusCode).toBe(200);
  });

  it('refuses a window longer than a year or running backwards, naming the field', async () => {
    const client = await sessionClient(world, world.userIds.distributor_admin);
    const long = await client.request('GET', '/api/v1/distributors/DIST-A/resellers?from=2025-01-01&to=2026-12-31');
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('querystring.to');
    const backwards = await client.request(
      'GET',
      '/api/v1/distributors/DIST-A/resellers?from=2026-02-01&to=2026-01-01',
    );
    expect(backwards.statusCode).toBe(400);
  });
});
