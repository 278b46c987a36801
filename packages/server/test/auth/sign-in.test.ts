import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/auth/secrets.ts';
import { accountKey, THROTTLE_POLICY } from '../../src/auth/throttle.ts';
import { testDriver } from '../helpers/test-db.ts';
import { Client, createWorld, PASSWORD, sessionClient, WORLD, type World } from '../http/api-fixture.ts';

const rep = WORLD.actors.sales_rep.email;

describe(`sign-in and sessions on ${testDriver}`, () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({ passwords: true });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function auditActions(userId: string): Promise<string[]> {
    const { rows } = await world.db.query<{ action: string }>(
      'select action from audit_log where entity_id = $1 order by audit_id',
      [userId],
    );
    return rows.map((row) => row.action);
  }

  it('signs in with e-mail and password and answers the user, an httpOnly session cookie and a readable CSRF cookie', async () => {
    const client = new Client(world.app);
    const response = await client.signIn(rep.toUpperCase());
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      user: {
        user_id: world.userIds.sales_rep,
        name: 'The sales_rep',
        email: rep,
        role: 'sales_rep',
        partner_id: 'RES-A',
        language: 'en',
      },
    });
    const cookies = response.cookies as { name: string; httpOnly?: boolean; sameSite?: string; path?: string }[];
    const session = cookies.find((cookie) => cookie.name === 'spur_session')!;
    const csrf = cookies.find((cookie) => cookie.name === 'spur_csrf')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf).toMatchObject({ sameSite: 'Lax', path: '/' });
    const me = await client.request('GET', '/api/v1/me');
    expect(JSON.parse(me.body).user.user_id).toBe(world.userIds.sales_rep);
    expect(await auditActions(world.userIds.sales_rep)).toContain('sign_in');
  });

  it('stores only a hash of the session token', async () => {
    const client = new Client(world.app);
    await client.signIn(rep);
    const { rows } = await world.db.query<{ n: string }>(
      'select count(*) as n from sessions where token_hash = $1 or session_id = $1',
      [client.cookies.spur_session],
    );
    expect(rows[0]!.n).toBe('0');
  });

  it('refuses a wrong password, an unknown e-mail and a disabled user alike', async () => {
    const client = new Client(world.app);
    const wrong = await client.signIn(WORLD.actors.finance.email, 'not the password');
    const unknown = await client.signIn('nobody@example.com');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(JSON.parse(wrong.body)).toEqual(JSON.parse(unknown.body));
    expect(JSON.parse(wrong.body).error.code).toBe('invalid_credentials');
    expect(await auditActions(world.userIds.finance)).toContain('sign_in_failed');
    await world.db.query('update users set disabled_at = now() where user_id = $1', [world.userIds.repB]);
    const disabled = await client.signIn(WORLD.others[2].email);
    expect(JSON.parse(disabled.body)).toEqual(JSON.parse(unknown.body));
    await world.db.query('update users set disabled_at = null where user_id = $1', [world.userIds.repB]);
  });

  it('answers 401 unauthenticated to /me without a session', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).error.code).toBe('unauthenticated');
  });

  it('rejects a cookie-authenticated write without the matching x-csrf-token header', async () => {
    const client = await sessionClient(world, world.userIds.vendor_admin);
    const body = { name: 'Server', family: 'SERVER', category: 'hw' };
    const cases = [
      { headers: {}, why: 'no header' },
      { headers: { 'x-csrf-token': 'forged' }, why: 'a wrong header' },
    ];
    for (const { headers } of cases) {
      const response = await world.app.inject({
        method: 'PUT',
        url: '/api/v1/products/CSRF-1',
        cookies: client.cookies,
        headers,
        payload: body,
      });
      expect(response.statusCode).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('csrf_failed');
    }
    // A header that equals a forged cookie but not the session's token fails as well.
    const forged = await world.app.inject({
      method: 'PUT',
      url: '/api/v1/products/CSRF-1',
      cookies: { ...client.cookies, spur_csrf: 'planted' },
      headers: { 'x-csrf-token': 'planted' },
      payload: body,
    });
    expect(JSON.parse(forged.body).error.code).toBe('csrf_failed');
    expect((await client.request('PUT', '/api/v1/products/CSRF-1', body)).statusCode).toBe(200);
  });

  it('signs out this session only, or every session with sign-out everywhere', async () => {
    const first = await sessionClient(world, world.userIds.program_manager);
    const second = await sessionClient(world, world.userIds.program_manager);
    const third = await sessionClient(world, world.userIds.program_manager);
    expect((await first.request('POST', '/api/v1/auth/sign-out')).statusCode).toBe(200);
    expect((await first.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await second.request('GET', '/api/v1/me')).statusCode).toBe(200);
    const everywhere = await second.request('POST', '/api/v1/auth/sign-out-everywhere');
    expect(JSON.parse(everywhere.body)).toEqual({ status: 'signed_out', sessions_ended: 2 });
    expect((await third.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect(await auditActions(world.userIds.program_manager)).toContain('signed_out_everywhere');
  });

  it('ends a session after its idle or its absolute lifetime', async () => {
    const idle = await sessionClient(world, world.userIds.finance);
    const old = await sessionClient(world, world.userIds.finance);
    expect((await idle.request('GET', '/api/v1/me')).statusCode).toBe(200);
    await world.db.query("update sessions set idle_expires_at = now() - interval '1 second' where token_hash = $1", [
      hashSecret(idle.cookies.spur_session!),
    ]);
    await world.db.query(
      "update sessions set absolute_expires_at = now() - interval '1 second' where token_hash = $1",
      [hashSecret(old.cookies.spur_session!)],
    );
    expect((await idle.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await old.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('rotates the session token when it is due; the old one works only for a short grace', async () => {
    const client = await sessionClient(world, world.userIds.channel_manager);
    const oldToken = client.cookies.spur_session!;
    await world.db.query("update sessions set rotated_at = now() - interval '1 hour' where user_id = $1", [
      world.userIds.channel_manager,
    ]);
    await client.request('GET', '/api/v1/me');
    const newToken = client.cookies.spur_session!;
    expect(newToken).not.toBe(oldToken);
    const withOld = () => world.app.inject({ method: 'GET', url: '/api/v1/me', cookies: { spur_session: oldToken } });
    expect((await withOld()).statusCode).toBe(200);
    await world.db.query("update sessions set rotated_at = now() - interval '2 minutes' where user_id = $1", [
      world.userIds.channel_manager,
    ]);
    expect((await withOld()).statusCode).toBe(401);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it(`locks an account after ${THROTTLE_POLICY.maxFailuresPerAccount} failures, even for the right password, with Retry-After`, async () => {
    const email = WORLD.actors.distributor_admin.email;
    const client = new Client(world.app);
    for (let i = 0; i < THROTTLE_POLICY.maxFailuresPerAccount; i++) {
      expect((await client.signIn(email, 'wrong password')).statusCode).toBe(401);
    }
    const locked = await client.signIn(email);
    expect(locked.statusCode).toBe(429);
    expect(JSON.parse(locked.body).error.code).toBe('too_many_attempts');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(THROTTLE_POLICY.windowSeconds - 60);
    // Failures leave the window: the account opens again.
    await world.db.query("update login_failures set failed_at = now() - interval '16 minutes' where account_key = $1", [
      accountKey(email),
    ]);
    expect((await client.signIn(email)).statusCode).toBe(200);
  });

  it('lets no more than the allowed failures through when guesses arrive in parallel', async () => {
    const email = WORLD.others[0].email;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        world.app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email, password: `guess number ${i}` },
        }),
      ),
    );
    const checked = answers.filter((answer) => answer.statusCode === 401).length;
    const refused = answers.filter((answer) => answer.statusCode === 429).length;
    expect(checked).toBeLessThanOrEqual(THROTTLE_POLICY.maxFailuresPerAccount);
    expect(checked + refused).toBe(20);
  });

  it(`locks an IP after ${THROTTLE_POLICY.maxFailuresPerIp} failures across accounts`, async () => {
    await world.db.query(
      `insert into login_failures (account_key, ip) select 'guess' || n || '@example.com', '203.0.113.9' from generate_series(1, $1) n`,
      [THROTTLE_POLICY.maxFailuresPerIp],
    );
    const fromThatIp = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: '203.0.113.9',
      payload: { email: WORLD.actors.reseller_admin.email, password: PASSWORD },
    });
    expect(fromThatIp.statusCode).toBe(429);
    const elsewhere = await world.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      remoteAddress: '198.51.100.1',
      payload: { email: WORLD.actors.reseller_admin.email, password: PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('changes a role only through an audited permission change that ends the user’s sessions', async () => {
    const admin = await sessionClient(world, world.userIds.vendor_admin);
    const victim = await sessionClient(world, world.userIds.sales_rep);
    const response = await admin.request('PATCH', `/api/v1/users/${world.userIds.sales_rep}`, {
      role: 'reseller_admin',
    });
    expect(JSON.parse(response.body).user.role).toBe('reseller_admin');
    expect((await victim.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect(await auditActions(world.userIds.sales_rep)).toContain('role_changed');
    await admin.request('PATCH', `/api/v1/users/${world.userIds.sales_rep}`, { role: 'sales_rep' });
  });

  it('ends the sessions of a disabled user and refuses its sign-in until it is enabled again', async () => {
    const resellerAdmin = await sessionClient(world, world.userIds.reseller_admin);
    const rep = await sessionClient(world, world.userIds.sales_rep);
    const disabled = await resellerAdmin.request('PATCH', `/api/v1/users/${world.userIds.sales_rep}`, {
      disabled: true,
    });
    expect(JSON.parse(disabled.body).user.disabled).toBe(true);
    expect((await rep.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await new Client(world.app).signIn(WORLD.actors.sales_rep.email)).statusCode).toBe(401);
    await resellerAdmin.request('PATCH', `/api/v1/users/${world.userIds.sales_rep}`, { disabled: false });
    expect((await new Client(world.app).signIn(WORLD.actors.sales_rep.email)).statusCode).toBe(200);
    expect(await auditActions(world.userIds.sales_rep)).toContain('user_disabled');
  });

  it('does not let partner admins raise anyone to a vendor role or touch themselves', async () => {
    const resellerAdmin = await sessionClient(world, world.userIds.reseller_admin);
    const raise = await resellerAdmin.request('PATCH', `/api/v1/users/${world.userIds.sales_rep}`, {
      role: 'vendor_admin',
    });
    expect(raise.statusCode).toBe(403);
    const self = await resellerAdmin.request('PATCH', `/api/v1/users/${world.userIds.reseller_admin}`, {
      disabled: true,
    });
    expect(self.statusCode).toBe(403);
  });

  it('lets users change their language and, with the current password, their password', async () => {
    const client = new Client(world.app);
    await client.signIn(WORLD.actors.vendor_admin.email);
    const other = await sessionClient(world, world.userIds.vendor_admin);
    const language = await client.request('PATCH', '/api/v1/me', { language: 'de' });
    expect(JSON.parse(language.body).user.language).toBe('de');
    const wrong = await client.request('POST', '/api/v1/me/password', {
      current_password: 'guess',
      new_password: 'a new password!',
    });
    expect(JSON.parse(wrong.body).error.code).toBe('wrong_password');
    const changed = await client.request('POST', '/api/v1/me/password', {
      current_password: PASSWORD,
      new_password: 'a new password!',
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await other.request('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await new Client(world.app).signIn(WORLD.actors.vendor_admin.email, 'a new password!')).statusCode).toBe(
      200,
    );
  });

  it('marks API answers as not cacheable and not sniffable', async () => {
    const response = await world.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
