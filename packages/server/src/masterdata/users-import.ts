import type { SpurDb, Tx } from '../db/connection-types.ts';
import type { AuditEntry } from './audit-log.ts';
import type { RowErrorList } from './import-errors.ts';
import {
  type Candidate,
  type ImportOptions,
  type ImportReport,
  importMasterDataFile,
  type MasterDataEntity,
  type ParsedRow,
} from './import-runner.ts';

/** A user with the ids of the groups it belongs to, sorted so that order in the file does not matter. */
export type UserRecord = {
  user_id: string;
  partner_id: string | null;
  email: string;
  name: string;
  language: string;
  groups: string[];
};

export const usersEntity: MasterDataEntity<UserRecord> = {
  entity: 'user',
  columns: ['user_id', 'partner_id', 'email', 'name', 'language', 'groups'],
  idColumn: 'user_id',

  parse(fields) {
    const user_id = fields.text('user_id');
    const partner_id = fields.optionalText('partner_id');
    const email = fields.email('email');
    const name = fields.text('name');
    const language = fields.language('language');
    const groups = [
      ...new Set(
        fields
          .raw('groups')
          .split(';')
          .map((group) => group.trim())
          .filter((group) => group !== ''),
      ),
    ].sort();
    return { user_id, partner_id, email, name, language, groups };
  },

  naturalId: (record) => record.user_id,

  async checkReferences(tx, rows, errors) {
    await checkPartners(tx, rows, errors);
    await checkEmailsUnique(tx, rows, errors);
  },

  async loadExisting(tx, records) {
    const { rows } = await tx.query<Omit<UserRecord, 'groups'> & { groups: string | null }>(
      `select u.user_id, u.partner_id, u.email, u.name, u.language,
         (select string_agg(m.group_id, ';' order by m.group_id) from user_group_members m where m.user_id = u.user_id)
           as groups
       from users u where u.user_id = any($1::text[])`,
      [records.map((record) => record.user_id)],
    );
    return new Map(
      rows.map((row) => [row.user_id, { ...row, groups: row.groups === null ? [] : row.groups.split(';') }]),
    );
  },

  async write(tx, changes) {
    const users = changes.map((change) => change.after);
    const { rows: createdGroups } = await tx.query<{ group_id: string; name: string }>(
      `insert into user_groups (group_id, name) select g, g from unnest($1::text[]) as g
       on conflict (group_id) do nothing returning group_id, name`,
      [[...new Set(users.flatMap((user) => user.groups))].sort()],
    );
    // Addresses passed between users of the file would trip the unique index row by row: free them first.
    const movingEmail = changes.filter((c) => c.before && c.before.email.toLowerCase() !== c.after.email.toLowerCase());
    if (movingEmail.length > 0) {
      await tx.query(`update users set email = 'moving:' || md5(user_id) where user_id = any($1::text[])`, [
        movingEmail.map((change) => change.after.user_id),
      ]);
    }
    await tx.query(
      `insert into users (user_id, partner_id, email, name, language)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       on conflict (user_id) do update set partner_id = excluded.partner_id, email = excluded.email,
         name = excluded.name, language = excluded.language`,
      [
        users.map((u) => u.user_id),
        users.map((u) => u.partner_id),
        users.map((u) => u.email),
        users.map((u) => u.name),
        users.map((u) => u.language),
      ],
    );
    const members = users.flatMap((user) => user.groups.map((group) => [user.user_id, group] as const));
    const memberUsers = members.map((pair) => pair[0]);
    const memberGroups = members.map((pair) => pair[1]);
    // The file states each user's complete set of groups: memberships it no longer lists end.
    await tx.query(
      `delete from user_group_members m where m.user_id = any($1::text[])
       and (m.user_id, m.group_id) not in (select * from unnest($2::text[], $3::text[]))`,
      [users.map((u) => u.user_id), memberUsers, memberGroups],
    );
    await tx.query(
      `insert into user_group_members (user_id, group_id) select * from unnest($1::text[], $2::text[])
       on conflict do nothing`,
      [memberUsers, memberGroups],
    );
    return createdGroups.map(
      (group): AuditEntry => ({
        action: 'create',
        entity: 'user_group',
        entityId: group.group_id,
        before: null,
        after: { group_id: group.group_id, name: group.name },
      }),
    );
  },
};

async function checkPartners(tx: Tx, rows: readonly ParsedRow<Candidate<UserRecord>>[], errors: RowErrorList) {
  const ids = [...new Set(rows.flatMap((row) => (row.record.partner_id ? [row.record.partner_id] : [])))];
  const { rows: known } = await tx.query<{ partner_id: string }>(
    'select partner_id from partners where partner_id = any($1::text[])',
    [ids],
  );
  const partners = new Set(known.map((row) => row.partner_id));
  for (const { line, record } of rows) {
    if (record.partner_id && !partners.has(record.partner_id)) {
      errors.add(
        line,
        'unknown_reference',
        'partner_id',
        record.partner_id,
        'is not a known partner (import partners first)',
      );
    }
  }
}

/** E-mail addresses are unique ignoring case, across the file and the users it does not touch. */
async function checkEmailsUnique(tx: Tx, rows: readonly ParsedRow<Candidate<UserRecord>>[], errors: RowErrorList) {
  const firstLineByEmail = new Map<string, { line: number; userId: string | undefined }>();
  for (const { line, record } of rows) {
    if (record.email === undefined) continue;
    const key = record.email.toLowerCase();
    const first = firstLineByEmail.get(key);
    if (first) {
      errors.add(line, 'conflict', 'email', record.email, `is also the e-mail on line ${first.line}`);
    } else {
      firstLineByEmail.set(key, { line, userId: record.user_id });
    }
  }
  const userIdsInFile = new Set(rows.flatMap((row) => row.record.user_id ?? []));
  const { rows: holders } = await tx.query<{ user_id: string; email: string }>(
    'select user_id, email from users where lower(email) = any($1::text[])',
    [[...firstLineByEmail.keys()]],
  );
  for (const holder of holders) {
    // A user of the file may hand its address on; it keeps it only if the file keeps it.
    if (userIdsInFile.has(holder.user_id)) continue;
    const claimant = firstLineByEmail.get(holder.email.toLowerCase());
    if (claimant && claimant.userId !== holder.user_id) {
      errors.add(claimant.line, 'conflict', 'email', holder.email, `belongs to user ${holder.user_id}`);
    }
  }
}

/** Imports a users file (CSV or XLSX): `user_id,partner_id,email,name,language,groups` (groups `;`-separated). */
export function importUsers(db: SpurDb, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importMasterDataFile(db, usersEntity, path, options);
}
