import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriver } from '../helpers/test-db.ts';
import { createWorld, sessionClient, type World } from '../http/api-fixture.ts';
import { importReport, seedConsoleSellOut } from './console-fixture.ts';

describe(`vendor console dashboard on ${testDriver}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
    await seedConsoleSellOut(world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('counts partners, users, active resellers, the monthly trend and top resellers for the whole channel', async () => {
    const client = await sessionClient(world, world.userIds.finance);
    const dashboard = JSON.parse((await client.request('GET', '/api/v1/console/dashboard')).body);
    expect(dashboard).toEqual({
      countries: null,
      partners: { distributors: 2, resellers: 2 },
      users: { registered: 6, with_sign_in: 6 },
      active_resellers: 2,
      trend: [
        { month: '2026-01', currency: 'EUR', lines: '2', units: '12', net_amount: '1200.00' },
        { month: '2026-02', currency: 'EUR', lines: '2', units: '20', net_amount: '2000.00' },
      ],
      top_resellers: [
        { partner_id: 'RES-B', name: 'Bsecret Reseller', country: 'DE', units: '17' },
        { partner_id: 'RES-A', name: 'Alpha Reseller', country: 'SE', units: '15' },
      ],
    });
  });

  it("limits a channel manager's dashboard to its territory", async () => {
    const client = await sessionClient(world, world.userIds.channel_manager);
    const dashboard = JSON.parse((await client.request('GET', '/api/v1/console/dashboard')).body);
    expect(dashboard.countries).toEqual(['SE']);
    expect(dashboard.partners).toEqual({ distributors: 1, resellers: 1 });
    expect(dashboard.users.registered).toBe(3);
    expect(dashboard.top_resellers.map((r: { partner_id: string }) => r.partner_id)).toEqual(['RES-A']);
    expect(JSON.stringify(dashboard)).not.toMatch(/bsecret/i);
  });

  it('recomputes the months a correcting import touched instead of adding to them', async () => {
    const { rows: before } = await world.db.query<{ units: string }>(
      "select sum(units)::text as units from summary_sellout_monthly where month = '2026-02-01'",
    );
    expect(before[0]!.units).toBe('20');
    await importReport(world, [['L3', '2026-02-03', 'RES-A', 1]]);
    const client = await sessionClient(world, world.userIds.finance);
    const dashboard = JSON.parse((await client.request('GET', '/api/v1/console/dashboard')).body);
    expect(dashboard.trend.map((m: { units: string }) => m.units)).toEqual(['12', '11']);
  });

  it('takes a corrected line out of the month it left as well as into the month it moved to', async () => {
    await importReport(world, [['L3', '2026-01-20', 'RES-A', 1]]);
    const client = await sessionClient(world, world.userIds.finance);
    const dashboard = JSON.parse((await client.request('GET', '/api/v1/console/dashboard')).body);
    expect(dashboard.trend.map((m: { units: string }) => m.units)).toEqual(['13', '10']);
  });
});
