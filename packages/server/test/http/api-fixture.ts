import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { setPasswordForUser } from '../../src/auth/passwords.ts';
import type { Role } from '../../src/auth/roles.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { createUser } from '../../src/auth/users.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadJobSettings } from '../../src/jobs/job-settings.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { createMailer, type Mailer } from '../../src/mail/mailer.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

export const PASSWORD = 'correct horse battery';

/**
 * Two partner trees: "A" in Sweden (the caller's side) and "B" in Germany (someone else's).
 * Everything of B carries the marker "bsecret" (names, e-mails, levels) or the goal target 777777,
 * so a response that leaks B's data is recognisable; ids alone are not secrets.
 */
export const WORLD = {
  partners: [
    {
      partner_id: 'DIST-A',
      name: 'Alpha Distribution',
      type: 'distributor',
      country: 'SE',
      level: 'gold',
      distributor_id: null,
    },
    {
      partner_id: 'RES-A',
      name: 'Alpha Reseller',
      type: 'reseller',
      country: 'SE',
      level: 'silver',
      distributor_id: 'DIST-A',
    },
    {
      partner_id: 'DIST-B',
      name: 'Bsecret Distribution',
      type: 'distributor',
      country: 'DE',
      level: 'bsecret-level',
      distributor_id: null,
    },
    {
      partner_id: 'RES-B',
      name: 'Bsecret Reseller',
      type: 'reseller',
      country: 'DE',
      level: 'bsecret-level',
      distributor_id: 'DIST-B',
    },
  ],
  /** One signed-in user per role on A's side (vendor staff belong to no partner). */
  actors: {
    vendor_admin: { email: 'admin@vendor.example', partner: null },
    program_manager: { email: 'pm@vendor.example', partner: null },
    finance: { email: 'finance@vendor.example', partner: null },
    channel_manager: { email: 'cm@vendor.example', partner: null },
    distributor_admin: { email: 'admin@dist-a.example', partner: 'DIST-A' },
    reseller_admin: { email: 'admin@res-a.example', partner: 'RES-A' },
    sales_rep: { email: 'rep@res-a.example', partner: 'RES-A' },
  } satisfies Record<Role, { email: string; partner: string | null }>,
  others: [
    { key: 'distAdminB', email: 'admin@bsecret-dist.example', role: 'distributor_admin', partner: 'DIST-B' },
    { key: 'resAdminB', email: 'admin@bsecret-res.example', role: 'reseller_admin', partner: 'RES-B' },
    { key: 'repB', email: 'rep@bsecret-res.example', role: 'sales_rep', partner: 'RES-B' },
  ] as const,
} as const;

export const LEAK_MARKER = /bsecret|777777/i;

export interface World {
  db: TestDb;
  app: FastifyInstance;
  mailer: Mailer;
  userIds: Record<Role, string> & { distAdminB: string; resAdminB: string; repB: string };
  close(): Promise<void>;
}

/** A migrated database with the two partner trees, and the API on it (mails go to the outbox). */
/**
 * `worker`: run the job queue's worker beside the app (polling every half second), as `spur start`
 * does, so uploads are imported; other tests need no queue.
 */
export async function createWorld(options: { passwords?: boolean; worker?: boolean } = {}): Promise<World> {
  const db = await createTestDb();
  for (const p of WORLD.partners) {
    await db.query(
      'insert into partners (partner_id, name, type, country, level, distributor_id) values ($1, $2, $3, $4, $5, $6)',
      [p.partner_id, p.name, p.type, p.country, p.level, p.distributor_id],
    );
  }
  const userIds = {} as World['userIds'];
  for (const [role, actor] of Object.entries(WORLD.actors) as [Role, { email: string; partner: string | null }][]) {
    const user = await createUser(db, 'test', {
      email: actor.email,
      name: `The ${role}`,
      role,
      partnerId: actor.partner,
      language: 'en',
    });
    userIds[role] = user.user_id;
  }
  for (const other of WORLD.others) {
    const user = await createUser(db, 'test', {
      email: other.email,
      name: `Bsecret ${other.role}`,
      role: other.role,
      partnerId: other.partner,
      language: 'de',
    });
    userIds[other.key] = user.user_id;
  }
  if (options.passwords) {
    for (const id of Object.values(userIds)) await setPasswordForUser(db, id, PASSWORD);
  }
  await db.query("insert into channel_manager_countries (user_id, country_code) values ($1, 'SE')", [
    userIds.channel_manager,
  ]);
  const mailer = createMailer({ smtpUrl: undefined });
  const worker = options.worker
    ? await startWorker(db, loadJobSettings({}), { concurrency: 1, log: () => {}, pollingIntervalSeconds: 0.5 })
    : undefined;
  const app = await buildApp({
    db,
    logLevel: 'silent',
    mailer,
    publicUrl: 'https://spur.test',
    ...(worker && { uploads: worker.uploads }),
  });
  await app.ready();
  return {
    db,
    app,
    mailer,
    userIds,
    async close() {
      await app.close();
      await worker?.stop();
      await db.destroy();
    },
  };
}

/** A browser-like client: keeps the cookies it is given and echoes the CSRF cookie on writes. */
export class Client {
  cookies: Record<string, string> = {};
  constructor(private readonly app: FastifyInstance) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookies.spur_csrf && method !== 'GET') headers['x-csrf-token'] = this.cookies.spur_csrf;
    const response = await this.app.inject({
      method,
      url,
      cookies: this.cookies,
      headers,
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number }[]) {
      if (cookie.value === '' || cookie.maxAge === 0) delete this.cookies[cookie.name];
      else this.cookies[cookie.name] = cookie.value;
    }
    return response;
  }

  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    return this.request('POST', '/api/v1/auth/sign-in', { email, password });
  }
}

/** A client with a fresh session for a user, made directly (no password hashing), for fast tests. */
export async function sessionClient(world: World, userId: string): Promise<Client> {
  const session = await createSession(world.db, userId, { ip: '127.0.0.1', userAgent: 'test' });
  const client = new Client(world.app);
  client.cookies = { spur_session: session.token, spur_csrf: session.csrfToken };
  return client;
}
