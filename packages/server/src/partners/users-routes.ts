import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { Role } from '../auth/roles.ts';
import { EmailSchema, LanguageSchema, RoleSchema, UserSchema } from '../auth/schemas.ts';
import { userVisible } from '../auth/scope.ts';
import { createUser, getUser, setUserRole, USER_COLUMNS, type UserRecord } from '../auth/users.ts';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { ApiError, forbidden, notFound } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals, whereStartsWith } from '../http/list.ts';
import { CountryCodeSchema, IdSchema, rowExists } from './common.ts';

const USER_SELECT = sql.raw(USER_COLUMNS);

/**
 * Which roles the caller may hand out for users of `partnerId`: a vendor admin any (that fits the
 * partner); a partner admin reps and its own admin role, in its own partner only.
 */
function mayAssign(principal: Principal, partnerId: string | null, role: Role): boolean {
  if (principal.role === 'vendor_admin') return true;
  const admin = principal.role === 'distributor_admin' || principal.role === 'reseller_admin';
  return admin && partnerId === principal.partnerId && (role === 'sales_rep' || role === principal.role);
}

/** The user if the caller may see it; 404 otherwise, so ids of other partners reveal nothing. */
async function visibleUser(context: ApiContext, principal: Principal, userId: string): Promise<UserRecord> {
  const { rows } = await sql<UserRecord>`select ${USER_SELECT} from users u
    where u.user_id = ${userId} and ${userVisible(principal, sql.ref('u.user_id'), sql.ref('u.partner_id'))}`.execute(
    context.db.kysely,
  );
  if (!rows[0]) throw notFound(`user ${userId}`);
  return rows[0];
}

export function registerUserRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;
  const ManagerRoles = ['vendor_admin', 'distributor_admin', 'reseller_admin'] as const;

  api.get(
    '/users',
    {
      config: { access: { roles: 'any', scope: 'users:read' } },
      schema: {
        tags: ['users'],
        summary: 'Users the caller may see (a rep itself; partner admins and channel managers their partners’ users)',
        querystring: listQuerySchema(['user_id', 'name', 'email'], {
          partner_id: IdSchema.optional(),
          role: RoleSchema.optional(),
          email_starts_with: z.string().min(1).max(254).optional(),
        }),
        response: { 200: pageSchema(UserSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const source = sql`select ${USER_SELECT} from users u
        where ${userVisible(principal, sql.ref('u.user_id'), sql.ref('u.partner_id'))}`;
      return listPage<UserRecord>(db.kysely, source, 'user_id', q, [
        whereEquals('partner_id', q.partner_id),
        whereEquals('role', q.role),
        whereStartsWith('email', q.email_starts_with),
      ]);
    },
  );

  api.get(
    '/users/:user_id',
    {
      config: { access: { roles: 'any', scope: 'users:read' } },
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: z.object({ user_id: IdSchema }),
        response: { 200: z.object({ user: UserSchema }) },
      },
    },
    async (request) => ({ user: await visibleUser(context, principalOf(request), request.params.user_id) }),
  );

  api.post(
    '/users',
    {
      config: { access: { roles: ManagerRoles, scope: 'users:write' } },
      schema: {
        tags: ['users'],
        summary: 'Create a user without a password (it signs in after an invitation or a password reset)',
        body: z.object({
          email: EmailSchema,
          name: z.string().min(1).max(200),
          role: RoleSchema,
          partner_id: IdSchema.nullable().default(null),
          language: LanguageSchema.default('en'),
        }),
        response: { 201: z.object({ user: UserSchema }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      if (!mayAssign(principal, body.partner_id, body.role)) {
        if (principal.role !== 'vendor_admin' && body.partner_id !== null && body.partner_id !== principal.partnerId) {
          throw notFound(`partner ${body.partner_id}`);
        }
        throw forbidden(`the role ${principal.role} may not create ${body.role} users`);
      }
      const user = await db.transaction((tx) =>
        createUser(tx, principal.userId, {
          email: body.email,
          name: body.name,
          role: body.role,
          partnerId: body.partner_id,
          language: body.language,
        }),
      );
      return reply.code(201).send({ user });
    },
  );

  api.patch(
    '/users/:user_id',
    {
      config: { access: { roles: ManagerRoles, scope: 'users:write' } },
      schema: {
        tags: ['users'],
        summary: 'Change a user: name, language, role (audited; ends its sessions), or disable it',
        params: z.object({ user_id: IdSchema }),
        body: z.object({
          name: z.string().min(1).max(200).optional(),
          language: LanguageSchema.optional(),
          role: RoleSchema.optional(),
          disabled: z.boolean().optional(),
        }),
        response: { 200: z.object({ user: UserSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const before = await visibleUser(context, principal, request.params.user_id);
      const body = request.body;
      const manages = principal.role === 'vendor_admin' || before.partner_id === principal.partnerId;
      if (!manages || (before.role !== null && !mayAssign(principal, before.partner_id, before.role))) {
        throw forbidden(`the role ${principal.role} may not change this user`);
      }
      if (body.role !== undefined && !mayAssign(principal, before.partner_id, body.role)) {
        throw forbidden(`the role ${principal.role} may not give the role ${body.role}`);
      }
      if (before.user_id === principal.userId && (body.role !== undefined || body.disabled !== undefined)) {
        throw forbidden('you may not change your own role or disable yourself');
      }
      const user = await db.transaction(async (tx) => {
        if (body.role !== undefined) await setUserRole(tx, principal.userId, before.user_id, body.role);
        if (body.name !== undefined || body.language !== undefined) {
          await tx.query(
            'update users set name = coalesce($2, name), language = coalesce($3, language) where user_id = $1',
            [before.user_id, body.name ?? null, body.language ?? null],
          );
        }
        if (body.disabled !== undefined && body.disabled !== before.disabled) {
          await tx.query(`update users set disabled_at = case when $2 then now() else null end where user_id = $1`, [
            before.user_id,
            body.disabled,
          ]);
          if (body.disabled) {
            await tx.query('update sessions set revoked_at = now() where user_id = $1 and revoked_at is null', [
              before.user_id,
            ]);
          }
        }
        const after = await getUser(tx, before.user_id);
        await recordAudit(tx, {
          actor: principal.userId,
          action: body.disabled === true ? 'user_disabled' : 'user_updated',
          entity: 'user',
          entityId: before.user_id,
          before,
          after,
        });
        return after;
      });
      return { user };
    },
  );

  api.put(
    '/users/:user_id/countries',
    {
      config: { access: { roles: ['vendor_admin'], scope: 'users:write' } },
      schema: {
        tags: ['users'],
        summary: "Set a channel manager's territory: the countries whose partners it sees",
        params: z.object({ user_id: IdSchema }),
        body: z.object({ countries: z.array(CountryCodeSchema).max(300) }),
        response: { 200: z.object({ user_id: z.string(), countries: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const target = await getUser(db, request.params.user_id);
      if (target.role !== 'channel_manager') {
        throw new ApiError(400, 'not_a_channel_manager', `user ${target.user_id} is not a channel manager`);
      }
      const countries = [...new Set(request.body.countries)].sort();
      for (const code of countries) {
        if (!(await rowExists(db.kysely, sql`select 1 from countries where code = ${code}`))) {
          throw new ApiError(400, 'unknown_country', `body.countries: no country ${code}`, { country: code });
        }
      }
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ country_code: string }>(
          'delete from channel_manager_countries where user_id = $1 returning country_code::text as country_code',
          [target.user_id],
        );
        for (const code of countries) {
          await tx.query('insert into channel_manager_countries (user_id, country_code) values ($1, $2)', [
            target.user_id,
            code,
          ]);
        }
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'territory_changed',
          entity: 'user',
          entityId: target.user_id,
          before: { countries: rows.map((row) => row.country_code).sort() },
          after: { countries },
        });
      });
      return { user_id: target.user_id, countries };
    },
  );
}
