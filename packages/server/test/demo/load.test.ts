import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/demo/accounts.ts';
import { DEMO_ACTOR, type DemoLoadReport, loadDemoData } from '../../src/demo/load.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

const LINES = 3_000;
let db: TestDb;
let first: DemoLoadReport;

async function countRows(table: string): Promise<number> {
  const result = await db.query<{ n: string }>(`select count(*)::text as n from ${table}`);
  return Number(result.rows[0]!.n);
}

beforeAll(async () => {
  db = await createTestDb();
  first = await loadDemoData(db, { lines: LINES, seed: 11 });
}, 120_000);

afterAll(async () => {
  await db?.destroy();
});

describe('first-start demo load', () => {
  it('imports every generated file through the regular imports, with nothing quarantined or rejected', async () => {
    expect(first.loaded).toBe(true);
    const created = Object.fromEntries(first.masterData.map((report) => [report.entity, report.created]));
    expect(created).toEqual({
      partner: await countRows('partners'),
      user: await countRows('users'),
      product: await countRows('products'),
      fx_rate: await countRows('fx_rates'),
      goal: await countRows('goals'),
    });
    expect(created.partner).toBeGreaterThan(2_000);
    expect(first.sellOut).toMatchObject({ linesRead: LINES, imported: LINES, quarantined: 0, errors: 0 });
    expect(await countRows('sellout_lines')).toBe(LINES);
  });

  it('stores amounts and quantities exactly as generated, returns included', async () => {
    const result = await db.query<{ returns: string; sum_of_returns: string; all_two_decimals: boolean }>(
      `select count(*) filter (where quantity < 0)::text as returns,
              coalesce(sum(net_amount) filter (where quantity < 0), 0)::text as sum_of_returns,
              bool_and(scale(net_amount) <= 2) as all_two_decimals
       from sellout_lines`,
    );
    const row = result.rows[0]!;
    expect(Number(row.returns)).toBeGreaterThan(0);
    expect(row.sum_of_returns.startsWith('-')).toBe(true);
    expect(row.all_two_decimals).toBe(true);
  });

  it('creates the documented demo accounts and records the load in the audit log', async () => {
    const result = await db.query<{ user_id: string; email: string }>(
      'select user_id, email from users where user_id = any($1::text[]) order by user_id',
      [DEMO_ACCOUNTS.map((account) => account.userId)],
    );
    expect(result.rows).toEqual(
      DEMO_ACCOUNTS.map((a) => ({ user_id: a.userId, email: a.email })).sort((a, b) =>
        a.user_id.localeCompare(b.user_id),
      ),
    );
    const audit = await db.query<{ actor: string }>('select distinct actor from audit_log');
    expect(audit.rows).toEqual([{ actor: DEMO_ACTOR }]);
  });

  it('gives each demo account its role and the documented password, and the channel manager DACH', async () => {
    const { rows } = await db.query<{ user_id: string; role: string; password_hash: string }>(
      `select u.user_id, u.role, c.password_hash from users u join user_credentials c using (user_id)
       where u.user_id = any($1::text[])`,
      [DEMO_ACCOUNTS.map((account) => account.userId)],
    );
    expect(new Map(rows.map((row) => [row.user_id, row.role]))).toEqual(
      new Map(DEMO_ACCOUNTS.map((account) => [account.userId, account.role])),
    );
    for (const row of rows) expect(await verifyPassword(row.password_hash, DEMO_PASSWORD), row.user_id).toBe(true);
    expect(await verifyPassword(rows[0]!.password_hash, 'not-the-demo-password')).toBe(false);
    const territories = await db.query<{ country_code: string }>(
      `select country_code::text as country_code from channel_manager_countries
       where user_id = 'demo-channel-manager' order by 1`,
    );
    expect(territories.rows.map((row) => row.country_code)).toEqual(['AT', 'CH', 'DE']);
    const withPassword = await countRows('user_credentials');
    expect(withPassword).toBe(DEMO_ACCOUNTS.length);
  });

  it('does nothing when the database already has partners', async () => {
    const again = await loadDemoData(db, { lines: LINES, seed: 11 });
    expect(again.loaded).toBe(false);
    expect(again.skipped).toMatch(/already has partners/);
    expect(await countRows('sellout_lines')).toBe(LINES);
  });

  it('adds nothing when forced over a complete load, since every import is idempotent', async () => {
    const auditBefore = await countRows('audit_log');
    const forced = await loadDemoData(db, { lines: LINES, seed: 11, force: true });
    expect(forced.loaded).toBe(true);
    expect(forced.masterData.every((report) => report.created === 0 && report.updated === 0)).toBe(true);
    expect(forced.sellOut).toMatchObject({ imported: 0, duplicates: LINES, errors: 0 });
    expect(await countRows('sellout_lines')).toBe(LINES);
    expect(await countRows('audit_log')).toBe(auditBefore);
  });
});
