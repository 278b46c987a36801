import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/cli.ts';
import { CliError } from '../../src/cli/context.ts';
import { testDriver } from '../helpers/test-db.ts';
import { Client, createWorld, PASSWORD, sessionClient, WORLD, type World } from '../http/api-fixture.ts';

/** The token of the newest link mailed to `to`, read from the outbox like a vendor admin would. */
async function linkToken(world: World, to: string, path: string): Promise<string> {
  const { rows } = await world.db.query<{ body_text: string }>(
    'select body_text from mail_outbox where to_address = $1 order by mail_id desc limit 1',
    [to],
  );
  const match = new RegExp(`https://spur\\.test/${path}\\?token=([A-Za-z0-9_%-]+)`).exec(rows[0]?.body_text ?? '');
  if (!match) throw new Error(`no ${path} link mailed to ${to}`);
  return decodeURIComponent(match[1]!);
}

describe(`password reset, invitations, API tokens and user add on ${testDriver}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ passwords: true });
  });
  afterAll(async () => {
    await world?.close();
  });

  it('resets a password through a one-time mailed link that ends every session', async () => {
    const email = WORLD.actors.finance.email;
    const before = await sessionClient(world, world.userIds.finance);
    const anonymous = new Client(world.app);
    const asked = await anonymous.request('POST', '/api/v1/auth/password-reset', { email });
    expect(asked.statusCode).toBe(202);
    const token = await linkToken(world, email, 'reset-password');
    const weak = await anonymous.request('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(JSON.parse(weak.body).error.code).toBe('password_too_weak');
    const confirmed = await anonymous.request('POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a brand new password',
    });
    expect(confirmed.statusCode).toBe(200);
    const again = await anonymous.request('POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'another new one!',
    });
    expect(JSON.parse(again.body).error.code).toBe('invalid_token');
    expect((await before.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await anonymous.signIn(email, PASSWORD)).statusCode).toBe(401);
    expect((await anonymous.signIn(email, 'a brand new password')).statusCode).toBe(200);
  });

  it('answers a reset request for an unknown e-mail exactly like a known one and mails nothing', async () => {
    const anonymous = new Client(world.app);
    const response = await anonymous.request('POST', '/api/v1/auth/password-reset', { email: 'nobody@example.com' });
    expect(response.statusCode).toBe(202);
    const { rows } = await world.db.query("select 1 from mail_outbox where to_address = 'nobody@example.com'");
    expect(rows).toEqual([]);
  });

  it('lets a reseller admin invite a rep who accepts, chooses a password and is signed in', async () => {
    const admin = await sessionClient(world, world.userIds.reseller_admin);
    const invited = await admin.request('POST', '/api/v1/invitations', {
      email: 'new.rep@res-a.example',
      name: 'New Rep',
      role: 'sales_rep',
      partner_id: 'RES-A',
      language: 'sv',
    });
    expect(invited.statusCode).toBe(201);
    const token = await linkToken(world, 'new.rep@res-a.example', 'accept-invitation');
    const newcomer = new Client(world.app);
    const accepted = await newcomer.request('POST', '/api/v1/invitations/accept', {
      token,
      password: 'my own password',
    });
    expect(accepted.statusCode).toBe(200);
    expect(JSON.parse(accepted.body).user).toMatchObject({
      email: 'new.rep@res-a.example',
      role: 'sales_rep',
      partner_id: 'RES-A',
      language: 'sv',
    });
    expect(JSON.parse((await newcomer.request('GET', '/api/v1/me')).body).user.name).toBe('New Rep');
    const reused = await new Client(world.app).request('POST', '/api/v1/invitations/accept', {
      token,
      password: 'my own password',
    });
    expect(JSON.parse(reused.body).error.code).toBe('invalid_token');
  });

  it('lists its partner’s invitations to a partner admin and lets it withdraw one, whose link then fails', async () => {
    const admin = await sessionClient(world, world.userIds.distributor_admin);
    await admin.request('POST', '/api/v1/invitations', {
      email: 'later@dist-a.example',
      name: 'Later',
      role: 'sales_rep',
      partner_id: 'DIST-A',
    });
    const token = await linkToken(world, 'later@dist-a.example', 'accept-invitation');
    const listed = JSON.parse((await admin.request('GET', '/api/v1/invitations?status=pending')).body);
    expect(listed.items.map((i: { email: string; status: string }) => [i.email, i.status])).toEqual([
      ['later@dist-a.example', 'pending'],
    ]);
    const withdrawn = await admin.request('DELETE', `/api/v1/invitations/${listed.items[0].invitation_id}`);
    expect(JSON.parse(withdrawn.body).status).toBe('withdrawn');
    const accept = await new Client(world.app).request('POST', '/api/v1/invitations/accept', {
      token,
      password: 'my own password',
    });
    expect(JSON.parse(accept.body).error.code).toBe('invalid_token');
    const after = JSON.parse((await admin.request('GET', '/api/v1/invitations')).body);
    expect(after.items.map((i: { status: string }) => i.status)).toEqual(['expired']);
  });

  it('keeps partner admins to their own partner and to reps when inviting', async () => {
    const admin = await sessionClient(world, world.userIds.reseller_admin);
    const cases = [
      { body: { email: 'x1@example.com', name: 'X', role: 'sales_rep', partner_id: 'RES-B' }, status: 404 },
      { body: { email: 'x2@example.com', name: 'X', role: 'program_manager', partner_id: null }, status: 403 },
      { body: { email: 'x3@example.com', name: 'X', role: 'distributor_admin', partner_id: 'RES-A' }, status: 403 },
    ];
    for (const { body, status } of cases) {
      expect((await admin.request('POST', '/api/v1/invitations', body)).statusCode, JSON.stringify(body)).toBe(status);
    }
    const rep = await sessionClient(world, world.userIds.sales_rep);
    const byRep = await rep.request('POST', '/api/v1/invitations', {
      email: 'x4@example.com',
      name: 'X',
      role: 'sales_rep',
      partner_id: 'RES-A',
    });
    expect(byRep.statusCode).toBe(403);
  });

  it('issues a scoped API token that works without CSRF, is refused outside its scope, and stops when revoked', async () => {
    const owner = await sessionClient(world, world.userIds.distributor_admin);
    const created = await owner.request('POST', '/api/v1/api-tokens', {
      name: 'ERP push',
      scopes: ['masterdata:read'],
    });
    expect(created.statusCode).toBe(201);
    const { token, api_token } = JSON.parse(created.body);
    expect(token).toMatch(/^spur_pat_/);
    const { rows } = await world.db.query('select 1 from api_tokens where token_hash = $1', [token]);
    expect(rows).toEqual([]);
    const bearer = (method: 'GET' | 'POST', url: string, payload?: object) =>
      world.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    const partners = await bearer('GET', '/api/v1/partners');
    expect(JSON.parse(partners.body).items.map((p: { partner_id: string }) => p.partner_id)).toEqual(['DIST-A']);
    expect(JSON.parse((await bearer('GET', '/api/v1/users')).body).error.code).toBe('insufficient_scope');
    expect(JSON.parse((await bearer('GET', '/api/v1/api-tokens')).body).error.code).toBe('token_not_allowed');
    const revoked = await owner.request('DELETE', `/api/v1/api-tokens/${api_token.token_id}`);
    expect(JSON.parse(revoked.body).api_token.revoked_at).not.toBeNull();
    const after = await bearer('GET', '/api/v1/partners');
    expect(JSON.parse(after.body).error.code).toBe('unauthenticated');
  });

  it('refuses an unknown bearer token', async () => {
    const response = await world.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer spur_pat_guessed' },
    });
    expect(JSON.parse(response.body).error.code).toBe('unauthenticated');
  });

  it('creates users from the CLI with a role and a password, and refuses bad input with one line', async () => {
    const user = await addUser(world.db, {
      email: 'first.admin@vendor.example',
      role: 'vendor_admin',
      language: 'en',
      password: 'a long enough password',
    });
    expect(user).toMatchObject({ role: 'vendor_admin', partner_id: null, name: 'first.admin' });
    expect(
      (await new Client(world.app).signIn('first.admin@vendor.example', 'a long enough password')).statusCode,
    ).toBe(200);
    const bad = [
      { email: 'x@example.com', role: 'king', language: 'en', message: /--role: "king" is not one of/ },
      { email: 'not-an-email', role: 'sales_rep', language: 'en', message: /--email/ },
      { email: 'y@example.com', role: 'sales_rep', language: 'en', message: /needs a partner/ },
      {
        email: 'z@example.com',
        role: 'reseller_admin',
        partner: 'DIST-A',
        language: 'en',
        message: /does not fit the distributor/,
      },
      { email: 'first.admin@vendor.example', role: 'finance', language: 'en', message: /already belongs/ },
      { email: 'w@example.com', role: 'finance', language: 'en', password: 'short', message: /10 to 200 characters/ },
    ];
    for (const { message, ...options } of bad) {
      await expect(addUser(world.db, options)).rejects.toThrow(message);
      await expect(addUser(world.db, options)).rejects.toBeInstanceOf(CliError);
    }
    const { rows } = await world.db.query("select 1 from users where email = 'w@example.com'");
    expect(rows).toEqual([]);
  });

  it('demotes a user moved to another partner to a sales rep there, or to no role outside partners, signs it out and revokes its API tokens', async () => {
    const user = await addUser(world.db, {
      email: 'mover@dist-a.example',
      role: 'distributor_admin',
      partner: 'DIST-A',
      language: 'en',
    });
    const session = await sessionClient(world, user.user_id);
    const issued = await session.request('POST', '/api/v1/api-tokens', { name: 'ERP', scopes: ['masterdata:read'] });
    const { token } = JSON.parse(issued.body);
    await world.db.query("update users set partner_id = 'RES-B' where user_id = $1", [user.user_id]);
    const withToken = await world.app.inject({
      method: 'GET',
      url: '/api/v1/partners',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.statusCode).toBe(401);
    const { rows } = await world.db.query<{ role: string | null }>('select role from users where user_id = $1', [
      user.user_id,
    ]);
    expect(rows[0]!.role).toBe('sales_rep');
    expect((await session.request('GET', '/api/v1/me')).statusCode).toBe(401);
    await world.db.query('update users set partner_id = null where user_id = $1', [user.user_id]);
    const { rows: after } = await world.db.query<{ role: string | null }>('select role from users where user_id = $1', [
      user.user_id,
    ]);
    expect(after[0]!.role).toBeNull();
  });
});
