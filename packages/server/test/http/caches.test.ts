import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type SpurDb } from '../../src/db/connection.ts';
import { buildApp } from '../../src/http/app.ts';
import { ChangeFeed, PING_DEADLINE_MS, PING_EVERY_MS } from '../../src/http/change-feed.ts';
import { testDriver } from '../helpers/test-db.ts';
import { createPartnerWorld, type PartnerWorld } from '../statements/partner-fixture.ts';
import { Client, PASSWORD, sessionClient, WORLD } from './api-fixture.ts';

/**
 * The API keeps resolved sessions and the partner pages' answers in memory (docs/security.md,
 * "Caches"). These tests first make sure an answer is served from memory, then change what it
 * depends on, and require the very next request to see the change.
 */
describe(`session and answer caches on ${testDriver}`, () => {
  let world: PartnerWorld;
  beforeAll(async () => {
    world = await createPartnerWorld();
  });
  afterAll(async () => {
    await world?.cleanup();
  });

  /** A fresh rep of RES-A with a password, so each test ends sessions of its own user. */
  async function newRep(label: string): Promise<{ userId: string; email: string }> {
    const email = `${label}@res-a.example`;
    const { rows } = await world.db.query<{ user_id: string }>(
      `insert into users (user_id, email, name, role, partner_id, language)
       values ('U-' || md5($1), $1, $2, 'sales_rep', 'RES-A', 'en') returning user_id`,
      [email, `Rep ${label}`],
    );
    const userId = rows[0]!.user_id;
    const { setPasswordForUser } = await import('../../src/auth/passwords.ts');
    await setPasswordForUser(world.db, userId, PASSWORD);
    return { userId, email };
  }

  async function signedIn(email: string): Promise<Client> {
    const client = new Client(world.app);
    expect((await client.signIn(email)).statusCode).toBe(200);
    return client;
  }

  /** How many database queries whose SQL contains one of `marks` `action` makes. */
  async function countReads(marks: readonly string[], action: () => Promise<void>): Promise<number> {
    let reads = 0;
    const original = world.db.query.bind(world.db);
    world.db.query = (async (text: string, params?: readonly unknown[], options?: { prepared?: boolean }) => {
      if (marks.some((mark) => text.includes(mark))) reads++;
      return original(text, params, options);
    }) as typeof world.db.query;
    try {
      await action();
    } finally {
      world.db.query = original;
    }
    return reads;
  }

  /** Asks twice, so the second answer comes from the session cache. */
  async function warm(client: Client): Promise<void> {
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(200);
  }

  it('serves a signed-in session from memory: no database round trip for the session', async () => {
    const { email } = await newRep('cached');
    const client = await signedIn(email);
    await warm(client);
    const sessionQueries = await countReads(['from sessions s'], async () => {
      expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(200);
    });
    expect(sessionQueries).toBe(0);
  });

  it('with SPUR_API_CACHE=off every request reads its session from the database', async () => {
    const uncached = await buildApp({ db: world.db, logLevel: 'silent', mailer: world.mailer, apiCache: false });
    await uncached.ready();
    try {
      const { email } = await newRep('uncached');
      const client = new Client(uncached);
      expect((await client.signIn(email)).statusCode).toBe(200);
      const sessionQueries = await countReads(['from sessions s'], async () => {
        for (let i = 0; i < 3; i++) expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(200);
      });
      expect(uncached.changeFeed.live).toBe(false);
      expect(sessionQueries).toBe(3);
    } finally {
      await uncached.close();
    }
  });

  it("another user's sign-in (a session, an audit entry, a failed attempt) keeps the cached answers", async () => {
    const { email } = await newRep('neutral');
    const rep = await sessionClient(world, world.userIds.sales_rep);
    await rep.request('GET', '/api/v1/partner/dashboard');
    await rep.request('GET', '/api/v1/partner/dashboard');
    const other = new Client(world.app);
    expect((await other.signIn(email, 'not the password at all')).statusCode).toBe(401);
    expect((await other.signIn(email)).statusCode).toBe(200);
    const reads = await countReads(['from summary_participants s', 'from sessions s'], async () => {
      expect((await rep.request('GET', '/api/v1/partner/dashboard')).statusCode).toBe(200);
    });
    expect(reads).toBe(0);
  });

  it('a signed-out session is refused on the very next request', async () => {
    const { email } = await newRep('signout');
    const client = await signedIn(email);
    await warm(client);
    const cookie = client.cookies.spur_session!;
    expect((await client.request('POST', '/api/v1/auth/sign-out')).statusCode).toBe(200);
    const replay = new Client(world.app);
    replay.cookies = { spur_session: cookie };
    expect((await replay.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('sign-out everywhere refuses the other cached sessions of the user at once', async () => {
    const { email } = await newRep('everywhere');
    const laptop = await signedIn(email);
    const phone = await signedIn(email);
    await warm(laptop);
    await warm(phone);
    expect((await laptop.request('POST', '/api/v1/auth/sign-out-everywhere')).statusCode).toBeLessThan(300);
    expect((await phone.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('a role change and disabling take effect on the next request of the cached session', async () => {
    const admin = await sessionClient(world, world.userIds.vendor_admin);
    const demoted = await newRep('demoted');
    const demotedClient = await signedIn(demoted.email);
    await warm(demotedClient);
    const changed = await admin.request('PATCH', `/api/v1/users/${demoted.userId}`, { role: 'reseller_admin' });
    expect(changed.statusCode).toBe(200);
    expect((await demotedClient.request('GET', '/api/v1/me')).statusCode).toBe(401);

    const disabled = await newRep('disabled');
    const disabledClient = await signedIn(disabled.email);
    await warm(disabledClient);
    expect((await admin.request('PATCH', `/api/v1/users/${disabled.userId}`, { disabled: true })).statusCode).toBe(200);
    expect((await disabledClient.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('a password reset ends the cached sessions of the user at once', async () => {
    const { email } = await newRep('reset');
    const client = await signedIn(email);
    await warm(client);
    const anonymous = new Client(world.app);
    expect((await anonymous.request('POST', '/api/v1/auth/password-reset', { email })).statusCode).toBe(202);
    const { rows } = await world.db.query<{ body_text: string }>(
      'select body_text from mail_outbox where to_address = $1 order by mail_id desc limit 1',
      [email],
    );
    const token = decodeURIComponent(/reset-password\?token=([A-Za-z0-9_%-]+)/.exec(rows[0]!.body_text)![1]!);
    const confirmed = await anonymous.request('POST', '/api/v1/auth/password-reset/confirm', {
      token,
      password: 'a brand new password',
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('a session revoked outside the API (SQL in this process, like a job) is refused at once', async () => {
    const { email, userId } = await newRep('sql');
    const client = await signedIn(email);
    await warm(client);
    await world.db.query('update sessions set revoked_at = now() where user_id = $1', [userId]);
    expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('a revoked API token is refused on the next request (tokens are not cached)', async () => {
    const owner = await sessionClient(world, world.userIds.sales_rep);
    const created = await owner.request('POST', '/api/v1/api-tokens', { name: 'ci', scopes: ['earnings:read'] });
    expect(created.statusCode).toBeLessThan(300);
    const { token, api_token } = JSON.parse(created.body) as { token: string; api_token: { token_id: string } };
    const bearer = { authorization: `Bearer ${token}` };
    const dashboard = () => world.app.inject({ method: 'GET', url: '/api/v1/partner/dashboard', headers: bearer });
    expect((await dashboard()).statusCode).toBe(200);
    expect((await dashboard()).statusCode).toBe(200);
    expect((await owner.request('DELETE', `/api/v1/api-tokens/${api_token.token_id}`)).statusCode).toBe(200);
    expect((await dashboard()).statusCode).toBe(401);
  });

  it('a cached dashboard and statement show a new run at once, and each rep only its own figures', async () => {
    const rep = await sessionClient(world, world.userIds.sales_rep);
    const repB = await sessionClient(world, world.userIds.repB);
    const dashboard = async (client: Client) =>
      JSON.parse((await client.request('GET', '/api/v1/partner/dashboard')).body);
    const statement = async (client: Client) =>
      JSON.parse((await client.request('GET', '/api/v1/partner/statement')).body);
    const before = await dashboard(rep);
    expect(await dashboard(rep)).toEqual(before); // from memory now
    const statementBefore = await statement(rep);
    expect(await statement(rep)).toEqual(statementBefore);
    const bBefore = await dashboard(repB);
    expect(bBefore.participant.id).toBe(world.userIds.repB);
    expect(JSON.stringify(before)).not.toMatch(/777777/);

    await world.report('DIST-A', [`A-9,2026-01-25,RES-A,${world.userIds.sales_rep},SRV-1,3,3000.00,SEK`]);
    await world.run('rep-points', '2026-01');

    const after = await dashboard(rep);
    const earned = (d: { current: { program_id: string; amount: string }[] }) =>
      d.current.find((period) => period.program_id === 'rep-points')?.amount;
    // Three more SRV-1 in the double-points promotion: 3 x 10 x 2 = 60 points more.
    expect(Number(earned(after))).toBe(Number(earned(before)) + 60);
    const statementAfter = await statement(rep);
    expect(statementAfter).not.toEqual(statementBefore);
    expect(statementAfter.items.find((e: { program_id: string }) => e.program_id === 'rep-points').postings).toBe(
      statementBefore.items.find((e: { program_id: string }) => e.program_id === 'rep-points').postings + 1,
    );
    expect(await dashboard(repB)).toEqual(bBefore);
    expect(JSON.stringify(after)).not.toMatch(/777777/);
  });

  it.runIf(testDriver === 'postgres')(
    'another process revoking a session or running a calculation reaches this one by NOTIFY',
    async () => {
      const { email, userId } = await newRep('elsewhere');
      const client = await signedIn(email);
      await warm(client);
      const rep = await sessionClient(world, world.userIds.sales_rep);
      const before = JSON.parse((await rep.request('GET', '/api/v1/partner/dashboard')).body);
      await rep.request('GET', '/api/v1/partner/dashboard');

      // A second handle on the same database is another process as far as this app can tell:
      // the connection layer of this one does not see its writes.
      const other: SpurDb = await openDatabase({ databaseUrl: world.db.url, dataDir: '' });
      try {
        await other.query('update sessions set revoked_at = now() where user_id = $1', [userId]);
        await other.query(
          `update ledger_accounts set credits_posted = credits_posted + 1
           where participant_id = $1 and participant_type = 'user'`,
          [world.userIds.sales_rep],
        );
      } finally {
        await other.close();
      }
      // PostgreSQL delivers the notification right after the commit; allow it a moment to arrive.
      const deadline = Date.now() + 2000;
      let status = 200;
      let after = before;
      while (Date.now() < deadline) {
        status = (await client.request('GET', '/api/v1/me')).statusCode;
        after = JSON.parse((await rep.request('GET', '/api/v1/partner/dashboard')).body);
        if (status === 401 && JSON.stringify(after) !== JSON.stringify(before)) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(401);
      expect(after.balances).not.toEqual(before.balances);
    },
  );

  it.runIf(testDriver === 'postgres')(
    'an API process on its own connections refuses a session signed out in another one',
    async () => {
      // Like a second API worker: its own pool and LISTEN connection on the same database.
      const otherDb = await openDatabase({ databaseUrl: world.db.url, dataDir: '' });
      const second = await buildApp({ db: otherDb, logLevel: 'silent', mailer: world.mailer });
      await second.ready();
      try {
        const { email } = await newRep('twoapps');
        const first = await signedIn(email);
        const onSecond = new Client(second);
        onSecond.cookies = { ...first.cookies };
        // Until the second process's LISTEN is in place it does not cache; wait until it does.
        const ready = Date.now() + 2000;
        while (Date.now() < ready && !second.changeFeed.live) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(second.changeFeed.live).toBe(true);
        expect((await onSecond.request('GET', '/api/v1/me')).statusCode).toBe(200);
        expect((await onSecond.request('GET', '/api/v1/me')).statusCode).toBe(200);
        expect((await first.request('POST', '/api/v1/auth/sign-out')).statusCode).toBe(200);
        const deadline = Date.now() + 2000;
        let status = 200;
        while (Date.now() < deadline && status !== 401) {
          status = (await onSecond.request('GET', '/api/v1/me')).statusCode;
          if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(status).toBe(401);
      } finally {
        await second.close();
        await otherDb.close();
      }
    },
  );

  it.runIf(testDriver === 'postgres')(
    'while its LISTEN connection is lost a process does not cache, and it listens again within seconds',
    async () => {
      const waitFor = async (condition: () => boolean) => {
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && !condition()) await new Promise((resolve) => setTimeout(resolve, 20));
        return condition();
      };
      expect(await waitFor(() => world.app.changeFeed.live)).toBe(true);
      const { email, userId } = await newRep('listenlost');
      const client = await signedIn(email);
      await warm(client);
      // The server ends the listening backend (a restart, a failover, an idle-connection killer).
      const other = await openDatabase({ databaseUrl: world.db.url, dataDir: '' });
      try {
        await other.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'",
        );
        expect(await waitFor(() => !world.app.changeFeed.live)).toBe(true);
        // A change while nobody listens: its notification is lost, yet the next request sees it,
        // because the process neither answers from nor fills its caches until it listens again.
        await other.query('update sessions set revoked_at = now() where user_id = $1', [userId]);
      } finally {
        await other.close();
      }
      expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
      expect(await waitFor(() => world.app.changeFeed.live)).toBe(true);
      expect((await client.request('GET', '/api/v1/me')).statusCode).toBe(401);
    },
  );

  it.runIf(testDriver === 'postgres')(
    'a process whose own notifications stop coming back (a pooler losing them) stops caching within seconds',
    async () => {
      const otherDb = await openDatabase({ databaseUrl: world.db.url, dataDir: '' });
      const feed = new ChangeFeed(otherDb);
      try {
        const waitFor = async (condition: () => boolean, ms: number) => {
          const deadline = Date.now() + ms;
          while (!condition()) {
            if (Date.now() >= deadline) return false;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          return true;
        };
        // Live only once its first ping came back through the LISTEN connection.
        expect(await waitFor(() => feed.live, 3000)).toBe(true);
        // From now on its pings are lost on the way, as behind a transaction-mode pooler.
        const original = otherDb.query.bind(otherDb);
        otherDb.query = (async (text: string, params?: readonly unknown[], options?: { prepared?: boolean }) =>
          text.includes('pg_notify')
            ? { rows: [], rowCount: 0 }
            : original(text, params, options)) as typeof otherDb.query;
        // Worst case: the first lost ping leaves up to PING_EVERY_MS from now, is found late by the
        // check that follows PING_DEADLINE_MS after it (checks run every PING_EVERY_MS), plus
        // timer delays on a busy machine. waitFor gives up at that bound, so passing proves it.
        const bound = 2 * PING_EVERY_MS + PING_DEADLINE_MS + 1000;
        expect(await waitFor(() => !feed.live, bound)).toBe(true);
        otherDb.query = original;
        expect(await waitFor(() => feed.live, 3000)).toBe(true);
      } finally {
        await feed.close();
        await otherDb.close();
      }
    },
  );

  it('keeps first statement pages only: a page after a cursor is read from the database each time', async () => {
    // A second period with an earning, so the statement has two pages of one.
    await world.report('DIST-A', [`A-10,2026-02-03,RES-A,${world.userIds.sales_rep},SRV-1,1,1000.00,SEK`]);
    await world.run('rep-points', '2026-02');
    const rep = await sessionClient(world, world.userIds.sales_rep);
    const first = JSON.parse((await rep.request('GET', '/api/v1/partner/statement?limit=1')).body);
    expect(first.next_cursor).not.toBeNull();
    const url = `/api/v1/partner/statement?limit=1&cursor=${first.next_cursor}`;
    const laterPageReads = await countReads(['from earnings e'], async () => {
      for (let i = 0; i < 2; i++) expect((await rep.request('GET', url)).statusCode).toBe(200);
    });
    expect(laterPageReads).toBe(2);
    const firstPageReads = await countReads(['from earnings e'], async () => {
      for (let i = 0; i < 2; i++)
        expect((await rep.request('GET', '/api/v1/partner/statement?limit=1')).statusCode).toBe(200);
    });
    expect(firstPageReads).toBe(0);
  });

  it("an admin of B still sees none of A once A's pages are cached", async () => {
    const adminB = await sessionClient(world, world.userIds.resAdminB);
    const rep = await sessionClient(world, world.userIds.sales_rep);
    await rep.request('GET', '/api/v1/partner/dashboard');
    const asked = await adminB.request('GET', `/api/v1/partner/dashboard?participant_id=${world.userIds.sales_rep}`);
    expect(asked.statusCode).toBe(404);
    const own = JSON.parse((await adminB.request('GET', '/api/v1/partner/dashboard')).body);
    expect(own.participant).toEqual({ type: 'partner', id: 'RES-B' });
    expect(WORLD.partners.map((p) => p.partner_id)).toContain('RES-B');
  });
});
