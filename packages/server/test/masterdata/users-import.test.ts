import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPartners } from '../../src/masterdata/partners-import.ts';
import { importUsers } from '../../src/masterdata/users-import.ts';
import { createTestDb, type TestDb, testDriver } from '../helpers/test-db.ts';
import { errorTriples, type FileFormat, fixture, rejectionOf } from './master-data-files.ts';

describe.each<FileFormat>(['csv', 'xlsx'])(`the users import from %s on ${testDriver}`, (format) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb();
    await importPartners(db, await fixture('partners.csv'));
  });
  afterAll(async () => {
    await db.destroy();
  });

  const memberships = async () =>
    (
      await db.query<{ user_id: string; group_id: string }>(
        'select user_id, group_id from user_group_members order by user_id, group_id',
      )
    ).rows.map((row) => `${row.user_id}:${row.group_id}`);

  it('creates users, the groups they name, and their memberships, auditing users and groups', async () => {
    const report = await importUsers(db, await fixture('users.csv', format), { actor: 'maria' });
    expect(report).toMatchObject({
      entity: 'user',
      read: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      relatedCreated: { user_group: 3 },
    });
    expect(await memberships()).toEqual(['U-1:admins', 'U-1:sales-reps', 'U-2:sales-reps', 'V-1:channel-managers']);
    const { rows: vendorStaff } = await db.query("select partner_id, language from users where user_id = 'V-1'");
    expect(vendorStaff).toEqual([{ partner_id: null, language: 'it' }]);
    const { rows: audit } = await db.query<{ entity: string; n: string }>(
      "select entity, count(*) n from audit_log where actor = 'maria' group by entity order by entity",
    );
    expect(audit).toEqual([
      { entity: 'user', n: '4' },
      { entity: 'user_group', n: '3' },
    ]);
    const { rows: anna } = await db.query("select after from audit_log where entity = 'user' and entity_id = 'U-1'");
    expect(anna[0]).toEqual({
      after: {
        user_id: 'U-1',
        partner_id: 'R-100',
        email: 'anna.schmidt@nordlicht.example',
        name: 'Anna Schmidt',
        language: 'de',
        groups: ['admins', 'sales-reps'],
      },
    });
  });

  it('changes nothing and audits nothing when the same file is imported again', async () => {
    const auditCount = 'select count(*) n from audit_log';
    const auditBefore = await db.query(auditCount);
    const report = await importUsers(db, await fixture('users.csv', format));
    expect(report).toMatchObject({ read: 4, created: 0, updated: 0, unchanged: 4, relatedCreated: {} });
    expect(await db.query(auditCount)).toEqual(auditBefore);
  });

  it('lets two users swap e-mail addresses and replaces a user’s groups with those the file lists', async () => {
    const report = await importUsers(db, await fixture('users-changed.csv', format));
    expect(report).toMatchObject({ read: 3, created: 0, updated: 2, unchanged: 1, relatedCreated: { user_group: 1 } });
    const { rows } = await db.query(
      "select user_id, email from users where user_id in ('U-1', 'U-2') order by user_id",
    );
    expect(rows).toEqual([
      { user_id: 'U-1', email: 'jonas.weber@nordlicht.example' },
      { user_id: 'U-2', email: 'anna.schmidt@nordlicht.example' },
    ]);
    expect(await memberships()).toEqual(['U-1:admins', 'U-1:trainers', 'U-2:sales-reps', 'V-1:channel-managers']);
    const { rows: audit } = await db.query(
      "select before->'groups' as before, after->'groups' as after from audit_log where entity_id = 'U-1' and action = 'update'",
    );
    expect(audit).toEqual([{ before: ['admins', 'sales-reps'], after: ['admins', 'trainers'] }]);
  });

  it('reports every bad user row, e-mail clashes in the file and with stored users included, and imports none', async () => {
    const before = await db.query('select * from users order by user_id');
    const rejection = await rejectionOf(importUsers(db, await fixture('users-bad.csv', format)));
    expect(errorTriples(rejection)).toEqual([
      [2, 'partner_id', 'unknown_reference'],
      [3, 'email', 'invalid_value'],
      [4, 'language', 'invalid_value'],
      [5, 'email', 'missing_value'],
      [6, 'email', 'conflict'],
      [8, 'email', 'conflict'],
      [9, 'user_id', 'duplicate_id'],
    ]);
    expect(rejection.errors[4]!.reason).toBe('belongs to user U-2');
    expect(await db.query('select * from users order by user_id')).toEqual(before);
  });
});
