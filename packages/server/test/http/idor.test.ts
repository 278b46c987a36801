import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import { hashSecret } from '../../src/auth/secrets.ts';
import { CONSOLE_PROBES } from '../console/idor-probes.ts';
import { DISTRIBUTOR_PROBES } from '../distributors/idor-probes.ts';
import { testDriver } from '../helpers/test-db.ts';
import { STATEMENT_PROBES } from '../statements/idor-probes.ts';
import { UPLOAD_PROBES } from '../uploads/idor-probes.ts';
import { createWorld, LEAK_MARKER, sessionClient, type World } from './api-fixture.ts';

/**
 * No IDOR: every registered /api/v1 route is probed by every partner-scoped role with B's ids in
 * paths, bodies and filters. A probe passes when the answer carries none of B's data and B's rows
 * are byte-for-byte unchanged. A route without probes fails the test, so new routes must add some.
 *
 * vendor_admin, program_manager and finance see every partner by design (auth/scope.ts), so the
 * scoped roles are the ones that can leak: channel_manager (A's country SE only), the partner
 * admins and the sales rep of A.
 */
const SCOPED_ROLES: Role[] = ['channel_manager', 'distributor_admin', 'reseller_admin', 'sales_rep'];

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
}

type Ids = World['userIds'] & { tokenB: string };

/** For each route ("METHOD /url" as registered), the requests that aim at B's data. */
const PROBES: Record<string, (ids: Ids) => Probe[]> = {
  ...STATEMENT_PROBES,
  ...UPLOAD_PROBES,
  ...CONSOLE_PROBES,
  ...DISTRIBUTOR_PROBES,
  'POST /api/v1/auth/sign-in': (ids) => [
    {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      body: { email: 'admin@bsecret-res.example', password: `x${ids.resAdminB}` },
    },
  ],
  'POST /api/v1/auth/sign-out': () => [{ method: 'POST', url: '/api/v1/auth/sign-out' }],
  'POST /api/v1/auth/sign-out-everywhere': () => [{ method: 'POST', url: '/api/v1/auth/sign-out-everywhere' }],
  'GET /api/v1/me': () => [{ method: 'GET', url: '/api/v1/me' }],
  'PATCH /api/v1/me': () => [{ method: 'PATCH', url: '/api/v1/me', body: { language: 'de' } }],
  'POST /api/v1/me/password': () => [
    {
      method: 'POST',
      url: '/api/v1/me/password',
      body: { current_password: 'guess', new_password: 'hijacked password' },
    },
  ],
  'POST /api/v1/auth/password-reset': () => [
    { method: 'POST', url: '/api/v1/auth/password-reset', body: { email: 'rep@bsecret-res.example' } },
  ],
  'POST /api/v1/auth/password-reset/confirm': () => [
    {
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      body: { token: 'guess', password: 'hijacked password' },
    },
  ],
  'POST /api/v1/invitations': () => [
    {
      method: 'POST',
      url: '/api/v1/invitations',
      body: { email: 'new@example.com', name: 'N', role: 'sales_rep', partner_id: 'RES-B' },
    },
    {
      method: 'POST',
      url: '/api/v1/invitations',
      body: { email: 'new2@example.com', name: 'N', role: 'distributor_admin', partner_id: 'DIST-B' },
    },
    {
      method: 'POST',
      url: '/api/v1/invitations',
      body: { email: 'rep@bsecret-res.example', name: 'N', role: 'sales_rep', partner_id: 'RES-A' },
    },
  ],
  'GET /api/v1/invitations': () => [
    { method: 'GET', url: '/api/v1/invitations' },
    { method: 'GET', url: '/api/v1/invitations?status=pending&sort=email' },
  ],
  'DELETE /api/v1/invitations/:invitation_id': () => [{ method: 'DELETE', url: '/api/v1/invitations/inv_b' }],
  'POST /api/v1/invitations/accept': () => [
    { method: 'POST', url: '/api/v1/invitations/accept', body: { token: 'guess', password: 'hijacked password' } },
  ],
  'POST /api/v1/api-tokens': () => [
    { method: 'POST', url: '/api/v1/api-tokens', body: { name: 'mine', scopes: ['users:read'] } },
  ],
  'GET /api/v1/api-tokens': () => [{ method: 'GET', url: '/api/v1/api-tokens' }],
  'DELETE /api/v1/api-tokens/:token_id': (ids) => [{ method: 'DELETE', url: `/api/v1/api-tokens/${ids.tokenB}` }],
  'GET /api/v1/partners': () => [
    { method: 'GET', url: '/api/v1/partners' },
    { method: 'GET', url: '/api/v1/partners?country=DE' },
    { method: 'GET', url: '/api/v1/partners?distributor_id=DIST-B' },
    { method: 'GET', url: '/api/v1/partners?name_starts_with=Bsecret&sort=-name' },
    { method: 'GET', url: '/api/v1/partners?level=bsecret-level' },
  ],
  'GET /api/v1/partners/:partner_id': () => [
    { method: 'GET', url: '/api/v1/partners/RES-B' },
    { method: 'GET', url: '/api/v1/partners/DIST-B' },
  ],
  'POST /api/v1/partners': () => [
    {
      method: 'POST',
      url: '/api/v1/partners',
      body: {
        partner_id: 'RES-NEW',
        name: 'n',
        type: 'reseller',
        country: 'DE',
        level: '',
        distributor_id: 'DIST-B',
        individual_agreement: false,
      },
    },
  ],
  'PATCH /api/v1/partners/:partner_id': () => [
    { method: 'PATCH', url: '/api/v1/partners/RES-B', body: { name: 'hacked', distributor_id: 'DIST-A' } },
  ],
  'PUT /api/v1/partners/:partner_id/preferred-distributor': () => [
    { method: 'PUT', url: '/api/v1/partners/RES-B/preferred-distributor', body: { distributor_id: 'DIST-A' } },
  ],
  'GET /api/v1/users': () => [
    { method: 'GET', url: '/api/v1/users' },
    { method: 'GET', url: '/api/v1/users?partner_id=RES-B' },
    { method: 'GET', url: '/api/v1/users?email_starts_with=rep%40bsecret' },
    { method: 'GET', url: '/api/v1/users?role=reseller_admin&sort=-email' },
  ],
  'GET /api/v1/users/:user_id': (ids) => [
    { method: 'GET', url: `/api/v1/users/${ids.repB}` },
    { method: 'GET', url: `/api/v1/users/${ids.resAdminB}` },
  ],
  'POST /api/v1/users': () => [
    {
      method: 'POST',
      url: '/api/v1/users',
      body: { email: 'planted@example.com', name: 'P', role: 'sales_rep', partner_id: 'RES-B' },
    },
  ],
  'PATCH /api/v1/users/:user_id': (ids) => [
    { method: 'PATCH', url: `/api/v1/users/${ids.repB}`, body: { name: 'hacked', role: 'reseller_admin' } },
    { method: 'PATCH', url: `/api/v1/users/${ids.resAdminB}`, body: { disabled: true } },
  ],
  'PUT /api/v1/users/:user_id/countries': (ids) => [
    { method: 'PUT', url: `/api/v1/users/${ids.channel_manager}/countries`, body: { countries: ['SE', 'DE'] } },
  ],
  'GET /api/v1/user-groups': () => [{ method: 'GET', url: '/api/v1/user-groups' }],
  'PUT /api/v1/user-groups/:group_id': () => [
    { method: 'PUT', url: '/api/v1/user-groups/G1', body: { name: 'renamed' } },
  ],
  'GET /api/v1/user-groups/:group_id/members': () => [
    { method: 'GET', url: '/api/v1/user-groups/G1/members' },
    { method: 'GET', url: '/api/v1/user-groups/G1/members?sort=-email' },
  ],
  'PUT /api/v1/user-groups/:group_id/members/:user_id': (ids) => [
    { method: 'PUT', url: `/api/v1/user-groups/G2/members/${ids.repB}` },
  ],
  'DELETE /api/v1/user-groups/:group_id/members/:user_id': (ids) => [
    { method: 'DELETE', url: `/api/v1/user-groups/G1/members/${ids.repB}` },
  ],
  'GET /api/v1/products': () => [{ method: 'GET', url: '/api/v1/products' }],
  'GET /api/v1/products/:sku': () => [{ method: 'GET', url: '/api/v1/products/SRV-1' }],
  'PUT /api/v1/products/:sku': () => [
    { method: 'PUT', url: '/api/v1/products/SRV-1', body: { name: 'x', family: 'x', category: 'x' } },
  ],
  'GET /api/v1/countries': () => [{ method: 'GET', url: '/api/v1/countries' }],
  'PUT /api/v1/countries/:code': () => [
    { method: 'PUT', url: '/api/v1/countries/DE', body: { name: 'x', currency: 'EUR', language: 'de' } },
  ],
  'GET /api/v1/clusters': () => [{ method: 'GET', url: '/api/v1/clusters' }],
  'PUT /api/v1/clusters/:cluster_id': () => [
    { method: 'PUT', url: '/api/v1/clusters/DACH', body: { name: 'x', countries: ['SE'] } },
  ],
  'GET /api/v1/fx-rates': () => [{ method: 'GET', url: '/api/v1/fx-rates?currency=SEK' }],
  'PUT /api/v1/fx-rates/:month/:currency': () => [
    { method: 'PUT', url: '/api/v1/fx-rates/2026-01/SEK', body: { eur_rate: '1' } },
  ],
  'GET /api/v1/goals': (ids) => [
    { method: 'GET', url: '/api/v1/goals' },
    { method: 'GET', url: '/api/v1/goals?participant_id=RES-B' },
    { method: 'GET', url: `/api/v1/goals?participant_id=${ids.repB}&sort=-period_start` },
    { method: 'GET', url: '/api/v1/goals?program_id=cashpaq&period_from=2026-01-01' },
  ],
  'PUT /api/v1/goals/:program_id/:participant_id/:period_start': (ids) => [
    { method: 'PUT', url: '/api/v1/goals/cashpaq/RES-B/2099-01-01', body: { metric: 'units', target: '1' } },
    { method: 'PUT', url: '/api/v1/goals/cashpaq/RES-B/2026-01-01', body: { metric: 'units', target: '1' } },
    { method: 'PUT', url: `/api/v1/goals/cashpaq/${ids.repB}/2099-01-01`, body: { metric: 'units', target: '1' } },
  ],
  'DELETE /api/v1/goals/:program_id/:participant_id/:period_start': () => [
    { method: 'DELETE', url: '/api/v1/goals/cashpaq/RES-B/2026-01-01' },
  ],
  'GET /api/v1/outbox': () => [{ method: 'GET', url: '/api/v1/outbox?to_address=rep%40bsecret-res.example' }],
  'GET /api/v1/audit-log': () => [{ method: 'GET', url: '/api/v1/audit-log?entity_id=RES-B' }],
};

/** Every row that belongs to partner B or its users, as one text: equal before and after = not written. */
async function snapshotOfB(world: World): Promise<string> {
  const { rows } = await world.db.query<{ snapshot: string }>(
    `with b_users as (select user_id from users where partner_id in ('DIST-B', 'RES-B'))
     select json_build_object(
       'partners', (select json_agg(p order by partner_id) from partners p where partner_id in ('DIST-B', 'RES-B')),
       'users', (select json_agg(u order by user_id) from users u where user_id in (select user_id from b_users)),
       'credentials', (select json_agg(c.password_hash order by c.user_id) from user_credentials c where c.user_id in (select user_id from b_users)),
       'sessions', (select json_agg(s.revoked_at order by s.session_id) from sessions s where s.user_id in (select user_id from b_users)),
       'tokens', (select json_agg(t order by token_id) from api_tokens t where t.user_id in (select user_id from b_users)),
       'goals', (select json_agg(g order by g.program_id, g.period_start) from goals g
                  where participant_id in ('DIST-B', 'RES-B') or participant_id in (select user_id from b_users)),
       'groups', (select json_agg(m order by m.group_id) from user_group_members m where m.user_id in (select user_id from b_users)),
       'invitations', (select json_agg(i order by invitation_id) from invitations i where partner_id in ('DIST-B', 'RES-B')
                         or invited_by in (select user_id from b_users)),
       'new_b_users', (select count(*) from users where partner_id in ('DIST-B', 'RES-B'))
     )::text as snapshot`,
  );
  return rows[0]!.snapshot;
}

describe(`data of another partner through every route on ${testDriver}`, () => {
  let world: World;
  let ids: Ids;
  beforeAll(async () => {
    world = await createWorld();
    const { db, userIds } = world;
    await db.query("insert into products (sku, name, family, category) values ('SRV-1', 'Server', 'SERVER', 'hw')");
    await db.query(
      `insert into goals (program_id, participant_id, period_start, metric, target) values
         ('cashpaq', 'RES-B', '2026-01-01', 'units', 777777), ('cashpaq', $1, '2026-01-01', 'units', 777777),
         ('cashpaq', 'RES-A', '2026-01-01', 'units', 10)`,
      [userIds.repB],
    );
    await db.query("insert into user_groups (group_id, name) values ('G1', 'Top sellers'), ('G2', 'Newcomers')");
    await db.query("insert into user_group_members (user_id, group_id) values ($1, 'G1'), ($2, 'G1')", [
      userIds.repB,
      userIds.sales_rep,
    ]);
    await db.query(
      `insert into api_tokens (token_id, user_id, name, token_hash, scopes) values ('tok_b', $1, 'bsecret token', $2, '{users:read}')`,
      [userIds.resAdminB, hashSecret('spur_pat_b')],
    );
    await db.query(
      `insert into invitations (invitation_id, token_hash, email, name, language, role, partner_id, invited_by, expires_at)
       values ('inv_b', $1, 'next@bsecret-res.example', 'Bsecret next', 'de', 'sales_rep', 'RES-B', $2, now() + interval '1 day')`,
      [hashSecret('invite-b'), userIds.resAdminB],
    );
    await db.query(
      "insert into mail_outbox (to_address, subject, body_text) values ('rep@bsecret-res.example', 'bsecret', 'bsecret link')",
    );
    ids = { ...userIds, tokenB: 'tok_b' };
  });
  afterAll(async () => {
    await world?.close();
  });

  it('has an access rule and IDOR probes for every registered API route', () => {
    const routes = world.app.routeCatalog.filter(
      (route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(30);
    const unprobed = routes.map((route) => `${route.method} ${route.url}`).filter((key) => !(key in PROBES));
    expect(unprobed, 'routes without probes: add them to PROBES in idor.test.ts').toEqual([]);
    expect(routes.filter((route) => route.access === undefined)).toEqual([]);
    const outside = world.app.routeCatalog.filter(
      (route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/v1/'),
    );
    for (const route of outside) expect(route.url).toMatch(/^\/api\/(health|openapi\.json|docs)/);
  });

  for (const role of SCOPED_ROLES) {
    it(`a ${role} of partner A can neither read nor change partner B's data through any route`, async () => {
      const routes = world.app.routeCatalog.filter(
        (route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD',
      );
      let probed = 0;
      for (const route of routes) {
        for (const probe of PROBES[`${route.method} ${route.url}`]!(ids)) {
          // A fresh session per probe, so sign-out probes do not end the following ones.
          const client = await sessionClient(world, world.userIds[role]);
          const before = await snapshotOfB(world);
          const response = await client.request(probe.method, probe.url, probe.body);
          const where = `${role} ${probe.method} ${probe.url} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, where).toBeLessThan(500);
          // The probe must reach the route as a signed-in caller, or it proves nothing.
          expect(response.body, where).not.toContain('"unauthenticated"');
          expect(response.body, where).not.toMatch(LEAK_MARKER);
          expect(await snapshotOfB(world), where).toBe(before);
          probed++;
        }
      }
      expect(probed).toBeGreaterThan(50);
    });
  }

  it('still shows each partner role its own data (the scoping is not simply empty)', async () => {
    const resellerAdmin = await sessionClient(world, world.userIds.reseller_admin);
    const partners = JSON.parse((await resellerAdmin.request('GET', '/api/v1/partners')).body);
    expect(partners.items.map((p: { partner_id: string }) => p.partner_id)).toEqual(['RES-A']);
    const users = JSON.parse((await resellerAdmin.request('GET', '/api/v1/users?sort=email')).body);
    expect(users.items.map((u: { email: string }) => u.email)).toEqual(['admin@res-a.example', 'rep@res-a.example']);
    const goals = JSON.parse((await resellerAdmin.request('GET', '/api/v1/goals')).body);
    expect(goals.items).toEqual([
      {
        program_id: 'cashpaq',
        participant_id: 'RES-A',
        period_start: '2026-01-01',
        metric: 'units',
        target: '10.0000',
      },
    ]);
    const channelManager = await sessionClient(world, world.userIds.channel_manager);
    const seen = JSON.parse((await channelManager.request('GET', '/api/v1/partners')).body);
    expect(seen.items.map((p: { partner_id: string }) => p.partner_id)).toEqual(['DIST-A', 'RES-A']);
    const rep = await sessionClient(world, world.userIds.sales_rep);
    const members = JSON.parse((await rep.request('GET', '/api/v1/user-groups/G1/members')).body);
    expect(members.items.map((u: { email: string }) => u.email)).toEqual(['rep@res-a.example']);
  });

  it('lets a vendor admin see partner B, so the probes above are not blind', async () => {
    const admin = await sessionClient(world, world.userIds.vendor_admin);
    const response = await admin.request('GET', '/api/v1/partners/RES-B');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(LEAK_MARKER);
  });
});
