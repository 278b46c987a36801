import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import type { ApiContext, SpurApi } from '../http/app.ts';
import { principalOf } from '../http/authenticate.ts';
import { clearSessionCookies, setSessionCookies } from '../http/cookies.ts';
import { notFound } from '../http/errors.ts';
import { listPage, listQuerySchema, pageSchema, whereEquals } from '../http/list.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { recordAudit } from './audit.ts';
import {
  acceptInvitation,
  createInvitation,
  INVITATION_LISTING_SQL,
  type InvitationListing,
  withdrawInvitation,
} from './invitations.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { changeOwnPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { PARTNER_ADMINS, type Scope } from './roles.ts';
import {
  ApiTokenSchema,
  EmailSchema,
  InvitationSchema,
  LanguageSchema,
  PasswordSchema,
  RoleSchema,
  ScopeSchema,
  SignedInUserSchema,
  TokenSchema,
} from './schemas.ts';
import { partnerVisible, seesEverything } from './scope.ts';
import { createSession, revokeAllSessions, revokeSession } from './sessions.ts';
import { signIn } from './sign-in.ts';

const client = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? '' });
const Accepted = z.object({ status: z.literal('accepted') });
const SignedOut = z.object({ status: z.literal('signed_out'), sessions_ended: z.number().int() });

/** Sign-in, sign-out, me, password reset, invitations and API tokens. */
export function registerAuthRoutes(api: SpurApi, context: ApiContext): void {
  const { db } = context;

  api.post(
    '/auth/sign-in',
    {
      config: { access: { public: true, why: 'signing in' } },
      schema: {
        tags: ['sign-in'],
        summary: 'Sign in with e-mail and password; sets the spur_session and spur_csrf cookies',
        body: z.object({ email: z.string().min(1).max(254), password: PasswordSchema }),
        response: { 200: z.object({ user: SignedInUserSchema }) },
      },
    },
    async (request, reply) => {
      const { user, session } = await signIn(db, { ...request.body, ...client(request) });
      setSessionCookies(reply, context.cookies, session);
      return { user };
    },
  );

  api.post(
    '/auth/sign-out',
    {
      config: { access: { roles: 'any', scope: null } },
      schema: { tags: ['sign-in'], summary: 'End this session', response: { 200: SignedOut } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.sessionId) await revokeSession(db, principal.sessionId);
      clearSessionCookies(reply, context.cookies);
      return { status: 'signed_out' as const, sessions_ended: 1 };
    },
  );

  api.post(
    '/auth/sign-out-everywhere',
    {
      config: { access: { roles: 'any', scope: null } },
      schema: {
        tags: ['sign-in'],
        summary: 'End every session of the signed-in user (API tokens stay; revoke them separately)',
        response: { 200: SignedOut },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const ended = await db.transaction(async (tx) => {
        const count = await revokeAllSessions(tx, principal.userId);
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'signed_out_everywhere',
          entity: 'user',
          entityId: principal.userId,
          after: { sessions_ended: count },
        });
        return count;
      });
      clearSessionCookies(reply, context.cookies);
      return { status: 'signed_out' as const, sessions_ended: ended };
    },
  );

  api.get(
    '/me',
    {
      config: { access: { roles: 'any', scope: 'users:read' } },
      schema: {
        tags: ['sign-in'],
        summary: 'The signed-in user',
        response: {
          200: z.object({
            user: SignedInUserSchema,
            countries: z.array(z.string()).describe("a channel manager's territory"),
            via: z.enum(['session', 'token']),
          }),
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        user: {
          user_id: p.userId,
          name: p.name,
          email: p.email,
          role: p.role,
          partner_id: p.partnerId,
          language: p.language,
        },
        countries: [...p.countries],
        via: p.via,
      };
    },
  );

  api.patch(
    '/me',
    {
      config: { access: { roles: 'any', scope: null } },
      schema: {
        tags: ['sign-in'],
        summary: 'Change your own name or language (the language of the portal and of your mails)',
        body: z.object({ name: z.string().min(1).max(200).optional(), language: LanguageSchema.optional() }),
        response: { 200: z.object({ user: SignedInUserSchema }) },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const { rows } = await db.query<{ name: string; language: string }>(
        'update users set name = coalesce($2, name), language = coalesce($3, language) where user_id = $1 returning name, language',
        [p.userId, request.body.name ?? null, request.body.language ?? null],
      );
      const updated = rows[0]!;
      return {
        user: {
          user_id: p.userId,
          name: updated.name,
          email: p.email,
          role: p.role,
          partner_id: p.partnerId,
          language: updated.language,
        },
      };
    },
  );

  api.post(
    '/me/password',
    {
      config: { access: { roles: 'any', scope: null } },
      schema: {
        tags: ['sign-in'],
        summary: 'Change your password (needs the current one); ends your other sessions',
        body: z.object({ current_password: PasswordSchema, new_password: PasswordSchema }),
        response: { 200: z.object({ status: z.literal('password_changed') }) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      await changeOwnPassword(db, p.userId, request.body.current_password, request.body.new_password);
      // The change ended every session; this browser gets a fresh one so it stays signed in.
      const session = await createSession(db, p.userId, client(request));
      setSessionCookies(reply, context.cookies, session);
      return { status: 'password_changed' as const };
    },
  );

  api.post(
    '/auth/password-reset',
    {
      config: { access: { public: true, why: 'a user who forgot the password cannot sign in' } },
      schema: {
        tags: ['sign-in'],
        summary: 'Mail a one-time reset link (the answer never reveals whether the e-mail has an account)',
        body: z.object({ email: z.string().min(1).max(254) }),
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(db, context.mailer, { email: request.body.email, publicUrl: context.publicUrl });
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  api.post(
    '/auth/password-reset/confirm',
    {
      config: { access: { public: true, why: 'the reset link is the credential' } },
      schema: {
        tags: ['sign-in'],
        summary: 'Set a new password with the token of a reset link; ends every session of the user',
        body: z.object({ token: TokenSchema, password: PasswordSchema }),
        response: { 200: z.object({ status: z.literal('password_changed') }) },
      },
    },
    async (request) => {
      await confirmPasswordReset(db, request.body);
      return { status: 'password_changed' as const };
    },
  );

  api.post(
    '/invitations',
    {
      config: {
        access: {
          roles: ['vendor_admin', 'program_manager', 'channel_manager', ...PARTNER_ADMINS],
          scope: 'users:write',
        },
      },
      schema: {
        tags: ['users'],
        summary: 'Invite someone by e-mail: vendor staff invite partner admins, partner admins their reps',
        body: z.object({
          email: EmailSchema,
          name: z.string().min(1).max(200),
          role: RoleSchema,
          partner_id: z.string().min(1).max(100).nullable().default(null),
          language: LanguageSchema.default('en'),
        }),
        response: { 201: z.object({ invitation: InvitationSchema }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const invitation = await createInvitation(
        db,
        context.mailer,
        principalOf(request),
        { email: body.email, name: body.name, role: body.role, partnerId: body.partner_id, language: body.language },
        context.publicUrl,
      );
      return reply.code(201).send({ invitation });
    },
  );

  const InvitationListingSchema = InvitationSchema.extend({
    status: z.enum(['pending', 'accepted', 'expired']),
    invited_by: z.string(),
  }).meta({ id: 'InvitationListing' });
  const Inviters = ['vendor_admin', 'program_manager', 'channel_manager', ...PARTNER_ADMINS] as const;
  /** Vendor staff without partner scope see invitations of vendor staff too; others only their partners'. */
  const invitationVisible = (principal: Principal) =>
    seesEverything(principal)
      ? sql`true`
      : sql`r.partner_id is not null and ${partnerVisible(principal, sql.ref('r.partner_id'))}`;

  api.get(
    '/invitations',
    {
      config: { access: { roles: Inviters, scope: 'users:read' } },
      schema: {
        tags: ['users'],
        summary: 'Invitations of the partners the caller may see, newest first by default',
        querystring: listQuerySchema(
          ['expires_at', 'email'],
          { status: z.enum(['pending', 'accepted', 'expired']).optional() },
          '-expires_at',
        ),
        response: { 200: pageSchema(InvitationListingSchema) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return listPage<InvitationListing>(db.kysely, sql.raw(INVITATION_LISTING_SQL), 'invitation_id', request.query, [
        invitationVisible(principal),
        whereEquals('status', request.query.status),
      ]);
    },
  );

  api.delete(
    '/invitations/:invitation_id',
    {
      config: { access: { roles: Inviters, scope: 'users:write' } },
      schema: {
        tags: ['users'],
        summary: 'Withdraw a pending invitation; its link stops working',
        params: z.object({ invitation_id: z.string().min(1).max(100) }),
        response: { 200: z.object({ invitation_id: z.string(), status: z.literal('withdrawn') }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { rows } = await sql<{
        invitation_id: string;
      }>`select r.invitation_id from (${sql.raw(INVITATION_LISTING_SQL)}) r
        where r.invitation_id = ${request.params.invitation_id} and ${invitationVisible(principal)}`.execute(db.kysely);
      if (!rows[0]) throw notFound(`invitation ${request.params.invitation_id}`);
      await withdrawInvitation(db, principal, rows[0].invitation_id);
      return { invitation_id: rows[0].invitation_id, status: 'withdrawn' as const };
    },
  );

  api.post(
    '/invitations/accept',
    {
      config: { access: { public: true, why: 'the invitation link is the credential' } },
      schema: {
        tags: ['users'],
        summary: 'Accept an invitation: choose a password, get the account and a session',
        body: z.object({ token: TokenSchema, password: PasswordSchema, name: z.string().min(1).max(200).optional() }),
        response: { 200: z.object({ user: SignedInUserSchema }) },
      },
    },
    async (request, reply) => {
      const { user, session } = await acceptInvitation(db, { ...request.body, ...client(request) });
      setSessionCookies(reply, context.cookies, session);
      return { user };
    },
  );

  api.post(
    '/api-tokens',
    {
      config: { access: { roles: 'any', scope: null } },
      schema: {
        tags: ['api tokens'],
        summary: 'Issue an API token that acts as you, limited to scopes; the secret is shown only in this answer',
        body: z.object({
          name: z.string().min(1).max(100),
          scopes: z.array(ScopeSchema).min(1).max(20),
          expires_in_days: z.number().int().min(1).max(3650).nullable().default(365),
        }),
        response: { 201: z.object({ token: z.string(), api_token: ApiTokenSchema }) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const created = await db.transaction(async (tx) => {
        const result = await createApiToken(tx, principal, {
          name: request.body.name,
          scopes: request.body.scopes as Scope[],
          expiresInDays: request.body.expires_in_days,
        });
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'api_token_created',
          entity: 'api_token',
          entityId: result.info.token_id,
          after: result.info,
        });
        return result;
      });
      return reply.code(201).send({ token: created.token, api_token: created.info });
    },
  );

  api.get(
    '/api-tokens',
    {
      config: { access: { roles: 'any', scope: null } },
      schema: {
        tags: ['api tokens'],
        summary: 'Your API tokens (a vendor admin sees everyone’s)',
        response: { 200: z.object({ items: z.array(ApiTokenSchema) }) },
      },
    },
    async (request) => ({ items: await listApiTokens(db, principalOf(request)) }),
  );

  api.delete(
    '/api-tokens/:token_id',
    {
      config: { access: { roles: 'any', scope: null } },
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke an API token',
        params: z.object({ token_id: z.string().min(1).max(100) }),
        response: { 200: z.object({ api_token: ApiTokenSchema }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const api_token = await db.transaction(async (tx) => {
        const revoked = await revokeApiToken(tx, principal, request.params.token_id);
        await recordAudit(tx, {
          actor: principal.userId,
          action: 'api_token_revoked',
          entity: 'api_token',
          entityId: revoked.token_id,
          after: revoked,
        });
        return revoked;
      });
      return { api_token };
    },
  );
}
