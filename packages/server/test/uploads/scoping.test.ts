import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import { testDriver } from '../helpers/test-db.ts';
import { createWorld, sessionClient, type World } from '../http/api-fixture.ts';
import { upload, waitForImport } from './upload-client.ts';

const REPORT_B = [
  'line_id,invoice_date,reseller_id,sku,quantity,net_amount,currency',
  'B1,2026-01-05,RES-B,SRV-1,2,777777.00,EUR',
  'B2,bsecret-date,RES-B,SRV-1,1,1.00,EUR',
  'B3,2026-01-05,RES-B,BSECRET-SKU,1,1.00,EUR',
].join('\n');

/**
 * A distributor admin uploads only as its own distributor and sees only its own imports,
 * profiles and quarantine; vendor staff see all (a channel manager its countries); nobody else.
 */
describe(`who sees which sell-out uploads on ${testDriver}`, () => {
  let world: World;
  let importB: string;
  beforeAll(async () => {
    world = await createWorld({ worker: true });
    await world.db.query(
      "insert into products (sku, name, family, category) values ('SRV-1', 'Server', 'SERVER', 'hw')",
    );
    const adminB = await sessionClient(world, world.userIds.distAdminB);
    importB = JSON.parse((await upload(world.app, adminB, 'bsecret.csv', REPORT_B)).body).import_id;
    await waitForImport(adminB, importB);
    const profile = await adminB.request('POST', '/api/v1/sellout/profiles', { name: 'bsecret', delimiter: ';' });
    expect(profile.statusCode).toBe(201);
  });
  afterAll(async () => {
    await world?.close();
  });

  const reads = () => [
    `/api/v1/sellout/imports/${importB}`,
    `/api/v1/sellout/imports/${importB}/errors.csv`,
    `/api/v1/sellout/imports/${importB}/events`,
  ];

  it("answers 404 to partner A's distributor admin for B's import, its error file and its events", async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    for (const url of reads()) {
      const response = await admin.request('GET', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toMatch(/bsecret|777777/i);
    }
  });

  it("lists none of B's imports, profiles or quarantined lines to A's distributor admin, even when filtered by B", async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    for (const url of [
      '/api/v1/sellout/imports',
      '/api/v1/sellout/imports?distributor_id=DIST-B',
      '/api/v1/sellout/profiles?distributor_id=DIST-B',
      '/api/v1/sellout/quarantine',
      `/api/v1/sellout/quarantine?import_id=${importB}`,
    ]) {
      const response = await admin.request('GET', url);
      expect(response.statusCode, url).toBe(200);
      expect(JSON.parse(response.body).items, url).toEqual([]);
    }
  });

  it("refuses A's distributor admin an upload or a profile as B, and a change of B's profile", async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    const asB = await upload(world.app, admin, 'planted.csv', REPORT_B, '?distributor_id=DIST-B');
    expect(asB.statusCode).toBe(404);
    const profile = await admin.request('POST', '/api/v1/sellout/profiles', { distributor_id: 'DIST-B', name: 'x' });
    expect(profile.statusCode).toBe(404);
    const change = await admin.request('PUT', '/api/v1/sellout/profiles/DIST-B/bsecret', { delimiter: ',' });
    expect(change.statusCode).toBe(404);
    const stored = await world.db.query(
      "select delimiter from sellout_mapping_profiles where distributor_id = 'DIST-B'",
    );
    expect(stored.rows).toEqual([{ delimiter: ';' }]);
    const imports = await world.db.query(
      "select count(*)::int as n from sellout_imports where distributor_id = 'DIST-B'",
    );
    expect(imports.rows).toEqual([{ n: 1 }]);
  });

  it.each<[Role, number]>([
    ['vendor_admin', 200],
    ['program_manager', 200],
    ['finance', 200],
    ['channel_manager', 404],
    ['reseller_admin', 403],
    ['sales_rep', 403],
  ])("a %s reading B's import gets %i", async (role, expected) => {
    const client = await sessionClient(world, world.userIds[role]);
    for (const url of reads()) expect((await client.request('GET', url)).statusCode, url).toBe(expected);
  });

  it('lets a vendor admin upload on behalf of a distributor it names, and only when it names one', async () => {
    const vendor = await sessionClient(world, world.userIds.vendor_admin);
    const unnamed = await upload(world.app, vendor, 'r.csv', REPORT_B);
    expect(JSON.parse(unnamed.body).error.details.problems[0].path).toBe('querystring.distributor_id');
    const named = await upload(
      world.app,
      vendor,
      'r.csv',
      REPORT_B.replace(/B(\d),/g, 'V$1,'),
      '?distributor_id=DIST-B',
    );
    expect(named.statusCode).toBe(202);
    expect(await waitForImport(vendor, JSON.parse(named.body).import_id)).toMatchObject({
      status: 'finished',
      distributor_id: 'DIST-B',
    });
    const reseller = await sessionClient(world, world.userIds.reseller_admin);
    expect((await upload(world.app, reseller, 'r.csv', REPORT_B)).statusCode).toBe(403);
  });
});
