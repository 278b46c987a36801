import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/auth/roles.ts';
import { testDriver } from '../helpers/test-db.ts';
import { createWorld, sessionClient, type World } from './api-fixture.ts';

/**
 * The declared access rules are what is enforced: for every route that names its roles, every
 * other role is turned away with 403 forbidden before the route runs (the rule is checked before
 * the body is even read, so any body will do).
 */
describe(`route access rules on ${testDriver}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it('turns away every role a route does not name', async () => {
    const restricted = world.app.routeCatalog.filter(
      (route) =>
        route.url.startsWith('/api/v1/') &&
        route.method !== 'HEAD' &&
        route.access &&
        !route.access.public &&
        route.access.roles !== 'any',
    );
    expect(restricted.length).toBeGreaterThan(15);
    let checked = 0;
    for (const route of restricted) {
      const rule = route.access as { roles: readonly string[] };
      for (const role of ROLES.filter((candidate) => !rule.roles.includes(candidate))) {
        const client = await sessionClient(world, world.userIds[role]);
        const url = route.url.replace(/:([a-z_]+)/g, (_match, name: string) =>
          name === 'month'
            ? '2026-01'
            : name === 'currency'
              ? 'EUR'
              : name === 'period_start'
                ? '2026-01-01'
                : name === 'code'
                  ? 'DE'
                  : 'X',
        );
        const response = await client.request(
          route.method as 'GET',
          url,
          route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        );
        expect([response.statusCode, JSON.parse(response.body).error?.code], `${role} ${route.method} ${url}`).toEqual([
          403,
          'forbidden',
        ]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  it('lets public routes through without a session and refuses the others with 401', async () => {
    const routes = world.app.routeCatalog.filter(
      (route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD',
    );
    for (const route of routes) {
      const response = await world.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(/:([a-z_]+)/g, 'X'),
        payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
      });
      const code = JSON.parse(response.body).error?.code;
      if (route.access?.public) expect(code, `${route.method} ${route.url}`).not.toBe('unauthenticated');
      else expect([response.statusCode, code], `${route.method} ${route.url}`).toEqual([401, 'unauthenticated']);
    }
  });
});
