import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { createTestDb, testDriver } from '../helpers/test-db.ts';
import { type Client, createWorld, sessionClient, type World } from './api-fixture.ts';

describe(`the API foundation on ${testDriver}`, () => {
  let world: World;
  let admin: Client;
  beforeAll(async () => {
    world = await createWorld();
    admin = await sessionClient(world, world.userIds.vendor_admin);
  });
  afterAll(async () => {
    await world?.close();
  });

  const errorOf = (body: string) =>
    JSON.parse(body).error as { code: string; message: string; details: Record<string, unknown> };

  it('answers health with 200 when the database answers', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok' });
  });

  it('answers health with 503 when the database does not answer', async () => {
    const db = await createTestDb();
    const app = await buildApp({ db, logLevel: 'silent', mailer: createMailer({ smtpUrl: undefined }) });
    await db.destroy();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body)).toEqual({ status: 'unavailable' });
    await app.close();
  });

  it('answers unknown API routes with a 404 in the error shape', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await world.app.inject({ method, url: '/api/v1/no-such-thing?x=1' });
      expect(response.statusCode).toBe(404);
      expect(JSON.parse(response.body)).toEqual({
        error: { code: 'not_found', message: `no route ${method} /api/v1/no-such-thing`, details: { method } },
      });
    }
  });

  it.each([
    {
      what: 'a body field of the wrong type',
      method: 'PUT' as const,
      url: '/api/v1/products/P-1',
      body: { name: 'n', family: 7, category: 'c' },
      path: 'body.family',
    },
    {
      what: 'a missing body field',
      method: 'PUT' as const,
      url: '/api/v1/products/P-1',
      body: { name: 'n', family: 'f' },
      path: 'body.category',
    },
    {
      what: 'a page size above the limit',
      method: 'GET' as const,
      url: '/api/v1/products?limit=501',
      path: 'querystring.limit',
    },
    {
      what: 'an unknown sort column',
      method: 'GET' as const,
      url: '/api/v1/products?sort=price',
      path: 'querystring.sort',
    },
    {
      what: 'a malformed path parameter',
      method: 'PUT' as const,
      url: '/api/v1/fx-rates/2026-13/SEK',
      body: { eur_rate: '1' },
      path: 'params.month',
    },
    {
      what: 'a float where an exact decimal is due',
      method: 'PUT' as const,
      url: '/api/v1/fx-rates/2026-01/SEK',
      body: { eur_rate: 0.1 },
      path: 'body.eur_rate',
    },
  ])('names the field of $what', async ({ method, url, body, path }) => {
    const response = await admin.request(method, url, body);
    expect(response.statusCode).toBe(400);
    const error = errorOf(response.body);
    expect(error.code).toBe('validation_failed');
    expect((error.details.problems as { path: string }[]).map((problem) => problem.path)).toContain(path);
    expect(error.message.startsWith(path)).toBe(true);
  });

  it('refuses malformed JSON, unsupported media types and oversized bodies with their own codes', async () => {
    const base = { method: 'PUT' as const, url: '/api/v1/products/P-2', cookies: admin.cookies };
    const csrf = { 'x-csrf-token': admin.cookies.spur_csrf! };
    const malformed = await world.app.inject({
      ...base,
      headers: { ...csrf, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect([malformed.statusCode, errorOf(malformed.body).code]).toEqual([400, 'invalid_json']);
    const xml = await world.app.inject({
      ...base,
      headers: { ...csrf, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect([xml.statusCode, errorOf(xml.body).code]).toEqual([415, 'unsupported_media_type']);
    const huge = await world.app.inject({
      ...base,
      headers: { ...csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(300 * 1024), family: 'f', category: 'c' }),
    });
    expect([huge.statusCode, errorOf(huge.body).code]).toEqual([413, 'payload_too_large']);
  });

  it('accepts no form-encoded or plain-text sign-in, so another site cannot post one', async () => {
    const form = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=admin%40vendor.example&password=x',
    });
    expect(form.statusCode).toBe(415);
    const text = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'text/plain' },
      payload: '{"email":"admin@vendor.example","password":"x"}',
    });
    expect([text.statusCode, errorOf(text.body).code]).toEqual([400, 'validation_failed']);
  });

  it('rejects a cursor it did not issue, or one issued for another sort', async () => {
    for (const sku of ['C-1', 'C-2', 'C-3'])
      await admin.request('PUT', `/api/v1/products/${sku}`, { name: sku, family: 'f', category: 'c' });
    const first = JSON.parse((await admin.request('GET', '/api/v1/products?limit=1&sort=name')).body);
    expect(first.next_cursor).toEqual(expect.any(String));
    const otherSort = await admin.request('GET', `/api/v1/products?limit=1&sort=sku&cursor=${first.next_cursor}`);
    expect(errorOf(otherSort.body).code).toBe('invalid_cursor');
    const forged = await admin.request('GET', '/api/v1/products?cursor=bm90IGEgY3Vyc29y');
    expect(errorOf(forged.body).code).toBe('invalid_cursor');
  });

  it('pages through every row exactly once, in order, for any page size and sort', async () => {
    await world.db.query('delete from products');
    // Few distinct names and families, so ties on the sort column are common.
    await world.db.query(
      `insert into products (sku, name, family, category)
       select 'P-' || lpad(n::text, 3, '0'), 'name ' || (n * 7 % 5), 'fam ' || (n % 3), 'c' from generate_series(1, 37) n`,
    );
    const sorts = ['sku', '-sku', 'name', '-name', 'family', '-family'] as const;
    const { rows } = await world.db.query<{ sku: string; name: string; family: string }>(
      'select sku, name, family from products',
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.constantFrom(...sorts), async (limit, sort) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const query: string = cursor === null ? '' : `&cursor=${cursor}`;
          const page = JSON.parse(
            (await admin.request('GET', `/api/v1/products?limit=${limit}&sort=${sort}${query}`)).body,
          );
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((item: { sku: string }) => item.sku));
          cursor = page.next_cursor;
        } while (cursor !== null);
        const column = sort.replace('-', '') as 'sku' | 'name' | 'family';
        const direction = sort.startsWith('-') ? -1 : 1;
        const expected = [...rows]
          .sort((a, b) => direction * (a[column] < b[column] ? -1 : a[column] > b[column] ? 1 : a.sku < b.sku ? -1 : 1))
          .map((row) => row.sku);
        expect(seen).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });

  it('filters lists with parameters, so quotes in a filter are data, not SQL', async () => {
    const response = await admin.request(
      'GET',
      `/api/v1/partners?name_starts_with=${encodeURIComponent("x' or '1'='1")}`,
    );
    expect(JSON.parse(response.body)).toEqual({ items: [], next_cursor: null });
    const wildcard = await admin.request('GET', '/api/v1/partners?name_starts_with=%25');
    expect(JSON.parse(wildcard.body).items).toEqual([]);
  });

  it('publishes an OpenAPI 3.1 document listing every API route, and the interactive reference', async () => {
    const document = JSON.parse((await world.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
    expect(document.openapi).toBe('3.1.0');
    const routes = world.app.routeCatalog.filter(
      (route) => route.url.startsWith('/api/v1/') && route.method !== 'HEAD',
    );
    for (const route of routes) {
      const path = route.url.replace(/:([a-z_]+)/g, '{$1}');
      expect(document.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(document.paths['/api/v1/auth/sign-in'].post.requestBody.content['application/json'].schema).toBeDefined();
    const docs = await world.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('refuses to start when an API route declares no access rule', async () => {
    const app = await buildApp({ db: world.db, logLevel: 'silent', mailer: createMailer({ smtpUrl: undefined }) });
    await expect(
      app.register(async (scope) => {
        scope.get('/api/v1/rogue', async () => ({ secret: true }));
      }),
    ).rejects.toThrow(/declares no access rule/);
    await app.close();
  });

  it('answers a server fault with a generic 500 and no stack trace', async () => {
    await world.db.query('alter table user_groups rename to user_groups_gone');
    try {
      const response = await admin.request('GET', '/api/v1/user-groups');
      expect(response.statusCode).toBe(500);
      expect(JSON.parse(response.body)).toEqual({
        error: {
          code: 'internal_error',
          message: 'something went wrong on the server; it was logged',
          details: { request_id: expect.any(String) },
        },
      });
    } finally {
      await world.db.query('alter table user_groups_gone rename to user_groups');
    }
  });
});
