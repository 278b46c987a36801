import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type onRequestHookHandler,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAuditRoutes } from '../auth/audit-routes.ts';
import { registerAuthRoutes } from '../auth/routes.ts';
import { SessionCache } from '../auth/session-cache.ts';
import { loadConfig } from '../config/config.ts';
import { registerConsoleRoutes } from '../console/routes.ts';
import type { SpurDb } from '../db/connection.ts';
import { registerResellerSalesRoutes } from '../distributors/reseller-sales-routes.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { registerOutboxRoutes } from '../mail/routes.ts';
import { registerMasterDataRoutes } from '../partners/routes.ts';
import { registerStatementRoutes } from '../statements/routes.ts';
import { registerUploadRoutes } from '../uploads/routes.ts';
import { type UploadJobs, uploadJobsOn } from '../uploads/upload-queue.ts';
import { UploadTracker } from '../uploads/upload-tracker.ts';
import type { AccessRule } from './access.ts';
import { AnswerCache } from './answer-cache.ts';
import { authenticateFor } from './authenticate.ts';
import { ChangeFeed } from './change-feed.ts';
import type { CookiePolicy } from './cookies.ts';
import { handleApiError, handleUnknownRoute } from './error-handler.ts';
import { ErrorResponseSchema } from './errors.ts';
import { registerWebAssets } from './web-assets.ts';

export interface AppOptions {
  db: SpurDb;
  logLevel?: string;
  /** Defaults to SMTP when SMTP_URL is set, else the outbox table. */
  mailer?: Mailer;
  /** Base of links in mails (password reset, invitations); defaults to SPUR_PUBLIC_URL or http://localhost:PORT. */
  publicUrl?: string;
  /** Mark cookies Secure; defaults to true when the public URL is https or SPUR_SECURE_COOKIES=true. */
  secureCookies?: boolean;
  /** Trust X-Forwarded-For (behind a reverse proxy) for client IPs; defaults to SPUR_TRUST_PROXY=true. */
  trustProxy?: boolean;
  /** Keep sessions and partner-page answers in memory; defaults to SPUR_API_CACHE (on). */
  apiCache?: boolean;
  /**
   * Sell-out uploads: the queue their imports go to and the tracker of this process's running
   * imports. A process that also runs the worker passes both (`spur start`); by default the app
   * sends with a pg-boss of its own and answers progress from the database.
   */
  uploads?: { jobs: UploadJobs; tracker: UploadTracker };
}

/** Everything a route module needs besides the request. */
export interface ApiContext {
  db: SpurDb;
  mailer: Mailer;
  publicUrl: string;
  cookies: CookiePolicy;
  /** Resolved sessions, reused for seconds and dropped by any change (docs/security.md, "Caches"). */
  sessions: SessionCache;
  /** Serialized partner-page answers, dropped by any change of earnings, summaries or the ledger. */
  figures: AnswerCache;
  uploads: { jobs: UploadJobs; tracker: UploadTracker };
}

export type SpurApi = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** One registered route with its declared access rule, for the route-enumerating tests. */
export interface RouteEntry {
  method: string;
  url: string;
  access: AccessRule | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeCatalog: RouteEntry[];
    /** What tells this app's caches about changes (its `live` says whether they are used now). */
    changeFeed: ChangeFeed;
  }
}

/** JSON request bodies of the API are small; file uploads use multipart with their own limits. */
export const API_BODY_LIMIT = 256 * 1024;

const errorResponses = Object.fromEntries(
  [400, 401, 403, 404, 409, 413, 415, 429].map((status) => [status, ErrorResponseSchema]),
);

/** Builds the HTTP application. Each area registers its routes here. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const env = process.env;
  const config = loadConfig();
  const publicUrl = (options.publicUrl ?? env.SPUR_PUBLIC_URL ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const feed = new ChangeFeed(options.db, options.apiCache ?? config.apiCache);
  const context: ApiContext = {
    db: options.db,
    mailer: options.mailer ?? createMailer({ smtpUrl: config.smtpUrl }),
    publicUrl,
    cookies: {
      secure: options.secureCookies ?? (publicUrl.startsWith('https:') || env.SPUR_SECURE_COOKIES === 'true'),
    },
    sessions: new SessionCache(options.db, feed),
    figures: new AnswerCache(feed, 'figures'),
    uploads: options.uploads ?? { jobs: uploadJobsOn(options.db), tracker: new UploadTracker() },
  };
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: API_BODY_LIMIT,
    trustProxy: options.trustProxy ?? env.SPUR_TRUST_PROXY === 'true',
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Spur API',
        version: '1',
        description:
          'Channel partner programs. Sign in with POST /api/v1/auth/sign-in (cookie session; send the spur_csrf cookie in x-csrf-token on writes) or send an API token as Authorization: Bearer.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'spur_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const routeCatalog: RouteEntry[] = [];
  app.decorate('routeCatalog', routeCatalog);
  app.decorate('changeFeed', feed);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    for (const method of methods) routeCatalog.push({ method, url: route.url, access });
    if (!route.url.startsWith('/api/v1/')) return;
    if (!access) throw new Error(`route ${methods.join(',')} ${route.url} declares no access rule (config.access)`);
    const existing =
      route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [
      authenticateFor(access, context.db, context.sessions, context.cookies),
      ...(existing as onRequestHookHandler[]),
    ];
    const schema = route.schema ?? {};
    const response = (schema.response ?? {}) as Record<string, unknown>;
    route.schema = {
      ...schema,
      response: { ...errorResponses, ...response },
      description: [schema.description, describeAccess(access)].filter(Boolean).join('\n\n'),
      ...securityOf(access),
    } as typeof schema;
  });

  await app.register(
    async (api) => {
      api.setErrorHandler(handleApiError);
      api.setNotFoundHandler(handleUnknownRoute);
      // API answers carry personal data: never cached by browsers or proxies, never sniffed as HTML.
      api.addHook('onSend', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
        reply.header('x-content-type-options', 'nosniff');
      });
      const typed = api.withTypeProvider<ZodTypeProvider>();

      // Health answers 200 only when the database answers, so a load balancer can trust it.
      typed.get(
        '/health',
        {
          schema: {
            summary: 'Liveness and database check',
            response: {
              200: z.object({ status: z.literal('ok') }),
              503: z.object({ status: z.literal('unavailable') }),
            },
          },
        },
        async (_request, reply) => {
          try {
            await context.db.query('select 1');
            return { status: 'ok' as const };
          } catch {
            return reply.code(503).send({ status: 'unavailable' as const });
          }
        },
      );
      typed.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

      await api.register(
        async (v1) => {
          const v1Typed: SpurApi = v1.withTypeProvider<ZodTypeProvider>();
          registerAuthRoutes(v1Typed, context);
          registerMasterDataRoutes(v1Typed, context);
          registerOutboxRoutes(v1Typed, context);
          registerAuditRoutes(v1Typed, context);
          registerStatementRoutes(v1Typed, context);
          registerUploadRoutes(v1Typed, context);
          registerConsoleRoutes(v1Typed, context);
          registerResellerSalesRoutes(v1Typed, context);
        },
        { prefix: '/v1' },
      );
    },
    { prefix: '/api' },
  );
  await registerWebAssets(app);
  app.addHook('onClose', async () => {
    await feed.close();
    // A queue the caller passed in is the caller's to close.
    if (!options.uploads) await context.uploads.jobs.close();
    await context.mailer.close();
  });
  return app;
}

function describeAccess(access: AccessRule): string {
  if (access.public) return `Access: public (${access.why}).`;
  const roles = access.roles === 'any' ? 'any signed-in user' : access.roles.join(', ');
  const token = access.scope === null ? 'browser session only' : `API tokens need scope ${access.scope}`;
  return `Access: ${roles}; ${token}. Rows are limited to what the caller's role may see.`;
}

function securityOf(access: AccessRule): { security: Array<Record<string, string[]>> } {
  if (access.public) return { security: [] };
  return { security: access.scope === null ? [{ session: [] }] : [{ session: [] }, { token: [] }] };
}
