import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import { UserSchema } from '../auth/schemas.ts';
import { userVisible } from '../auth/scope.ts';
import { USER_COLUMNS, type UserRecord } from '../auth/users.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { notFound } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema, whereStartsWith } from '../http/list.ts';
import { IdSchema, rowExists } from './common.ts';

const UserGroupSchema = z.object({ group_id: z.string(), name: z.string() }).meta({ id: 'UserGroup' });
type UserGroup = z.infer<typeof UserGroupSchema>;
const GroupEditors = ['vendor_admin', 'program_manager'] as const;

/** User groups (eligibility of programs); members are shown only as far as the caller sees users. */
export function registerUserGroupRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.get(
    '/user-groups',
    {
      config: { access: { roles: 'any', scope: 'masterdata:read' } },
      schema: {
        tags: ['user groups'],
        summary: 'User groups',
        querystring: listQuerySchema(['group_id', 'name'], { name_starts_with: z.string().min(1).max(200).optional() }),
        response: { 200: pageSchema(UserGroupSchema) },
      },
    },
    async (request) =>
      listPage<UserGroup>(db.kysely, sql`select g.group_id, g.name from user_groups g`, 'group_id', request.query, [
        whereStartsWith('name', request.query.name_starts_with),
      ]),
  );

  api.put(
    '/user-groups/:group_id',
    {
      config: { access: { roles: GroupEditors, scope: 'masterdata:write' } },
      schema: {
        tags: ['user groups'],
        summary: 'Create or rename a user group',
        params: z.object({ group_id: IdSchema }),
        body: z.object({ name: z.string().min(1).max(200) }),
        response: { 200: z.object({ user_group: UserGroupSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const user_group = await db.transaction(async (tx) => {
        const { rows: before } = await tx.query<UserGroup>(
          'select group_id, name from user_groups where group_id = $1',
          [request.params.group_id],
        );
        const { rows } = await tx.query<UserGroup>(
          `insert into user_groups (group_id, name) values ($1, $2)
           on conflict (group_id) do update set name = excluded.name returning group_id, name`,
          [request.params.group_id, request.body.name],
        );
        await recordAudit(tx, {
          actor: principal.userId,
          action: before[0] ? 'user_group_updated' : 'user_group_created',
          entity: 'user_group',
          entityId: request.params.group_id,
          before: before[0],
          after: rows[0],
        });
        return rows[0]!;
      });
      return { user_group };
    },
  );

  api.get(
    '/user-groups/:group_id/members',
    {
      config: { access: { roles: 'any', scope: 'users:read' } },
      schema: {
        tags: ['user groups'],
        summary: 'Members of a group that the caller may see',
        params: z.object({ group_id: IdSchema }),
        querystring: listQuerySchema(['user_id', 'name', 'email'], {}),
        response: { 200: pageSchema(UserSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!(await rowExists(db.kysely, sql`select 1 from user_groups where group_id = ${request.params.group_id}`))) {
        throw notFound(`user group ${request.params.group_id}`);
      }
      const source = sql`select ${sql.raw(USER_COLUMNS)} from users u
        join user_group_members m on m.user_id = u.user_id and m.group_id = ${request.params.group_id}
        where ${userVisible(principal, sql.ref('u.user_id'), sql.ref('u.partner_id'))}`;
      return listPage<UserRecord>(db.kysely, source, 'user_id', request.query);
    },
  );

  const MemberParams = z.object({ group_id: IdSchema, user_id: IdSchema });
  const Membership = z.object({ group_id: z.string(), user_id: z.string(), member: z.boolean() });

  for (const method of ['put', 'delete'] as const) {
    const joining = method === 'put';
    api[method](
      '/user-groups/:group_id/members/:user_id',
      {
        config: { access: { roles: GroupEditors, scope: 'masterdata:write' } },
        schema: {
          tags: ['user groups'],
          summary: joining ? 'Add a user to a group' : 'Remove a user from a group',
          params: MemberParams,
          response: { 200: Membership },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { group_id, user_id } = request.params;
        if (!(await rowExists(db.kysely, sql`select 1 from user_groups where group_id = ${group_id}`))) {
          throw notFound(`user group ${group_id}`);
        }
        if (!(await rowExists(db.kysely, sql`select 1 from users where user_id = ${user_id}`))) {
          throw notFound(`user ${user_id}`);
        }
        await db.transaction(async (tx) => {
          const { rowCount } = joining
            ? await tx.query(
                'insert into user_group_members (user_id, group_id) values ($1, $2) on conflict do nothing',
                [user_id, group_id],
              )
            : await tx.query('delete from user_group_members where user_id = $1 and group_id = $2', [
                user_id,
                group_id,
              ]);
          if (rowCount > 0) {
            await recordAudit(tx, {
              actor: principal.userId,
              action: joining ? 'group_member_added' : 'group_member_removed',
              entity: 'user_group',
              entityId: group_id,
              after: { user_id },
            });
          }
        });
        return { group_id, user_id, member: joining };
      },
    );
  }
}
