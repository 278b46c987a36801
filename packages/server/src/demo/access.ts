import { setPasswordForUser } from '../auth/passwords.ts';
import { setUserRole } from '../auth/users.ts';
import type { SpurDb } from '../db/connection-types.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';

export interface DemoAccessReport {
  rolesGiven: number;
  passwordsSet: number;
}

/**
 * After the import: the users file carries no roles, so the demo accounts get theirs through the
 * audited auth service, channel manager territories, and the documented password
 * (docs/demo-data.md). Other imported partner users keep the default role, sales rep: giving
 * 2,000 admins their role one audited call at a time took 20 s, too long for a first start.
 * One transaction: the demo logins are either all usable or unchanged.
 */
export async function grantDemoAccess(db: SpurDb, actor: string): Promise<DemoAccessReport> {
  return db.transaction(async (tx) => {
    let rolesGiven = 0;
    for (const account of DEMO_ACCOUNTS) {
      const before = await tx.query<{ role: string | null }>('select role from users where user_id = $1', [
        account.userId,
      ]);
      if (before.rows[0]?.role === account.role) continue;
      await setUserRole(tx, actor, account.userId, account.role);
      rolesGiven++;
    }
    for (const account of DEMO_ACCOUNTS) {
      if (!account.countries) continue;
      await tx.query(
        `insert into channel_manager_countries (user_id, country_code) select $1, unnest($2::text[])
         on conflict do nothing`,
        [account.userId, account.countries],
      );
    }
    for (const account of DEMO_ACCOUNTS) await setPasswordForUser(tx, account.userId, DEMO_PASSWORD);
    return { rolesGiven, passwordsSet: DEMO_ACCOUNTS.length };
  });
}
