import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { resolveApiToken } from '../auth/api-tokens.ts';
import { type Principal, principalFromRow } from '../auth/principal.ts';
import { scopeAllows } from '../auth/roles.ts';
import { hashSecret, secretsEqual } from '../auth/secrets.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import type { Queryable } from '../db/connection-types.ts';
import type { AccessRule } from './access.ts';
import {
  type CookiePolicy,
  CSRF_COOKIE,
  CSRF_HEADER,
  clearSessionCookies,
  SESSION_COOKIE,
  setSessionCookies,
} from './cookies.ts';
import { ApiError } from './errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The signed-in caller of a route that is not public (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ApiError(401, 'unauthenticated', 'sign in first');
  return request.principal;
}

/**
 * Builds the onRequest hook for one route: resolves the caller from a Bearer token or the session
 * cookie, enforces CSRF on cookie-authenticated writes, then the route's roles and token scope.
 * Runs before the body is read, so strangers cannot make the server parse large bodies.
 */
export function authenticateFor(
  access: AccessRule,
  db: Queryable,
  sessions: SessionCache,
  cookies: CookiePolicy,
): onRequestHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.principal = null;
    if (access.public) return;
    const authorization = request.headers.authorization;
    let principal: Principal | null;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const token = match ? await resolveApiToken(db, match[1]!) : null;
      if (!token) throw new ApiError(401, 'unauthenticated', 'the API token is unknown, expired or revoked');
      if (access.scope === null) {
        throw new ApiError(403, 'token_not_allowed', 'this route needs a signed-in session, not an API token');
      }
      if (!scopeAllows(token.scopes, access.scope)) {
        throw new ApiError(403, 'insufficient_scope', `the API token lacks scope ${access.scope}`, {
          needed: access.scope,
        });
      }
      principal = principalFromRow(token.user, { via: 'token', sessionId: null, tokenScopes: token.scopes });
    } else {
      const cookieToken = request.cookies[SESSION_COOKIE];
      const session = cookieToken ? await sessions.resolve(cookieToken) : null;
      if (!session) {
        if (cookieToken) clearSessionCookies(reply, cookies);
        throw new ApiError(401, 'unauthenticated', 'sign in first (no valid session)');
      }
      if (!SAFE_METHODS.has(request.method)) {
        const header = request.headers[CSRF_HEADER];
        const cookie = request.cookies[CSRF_COOKIE];
        const valid =
          typeof header === 'string' &&
          typeof cookie === 'string' &&
          secretsEqual(header, cookie) &&
          secretsEqual(hashSecret(header), session.csrfHash);
        if (!valid) {
          throw new ApiError(403, 'csrf_failed', `send the ${CSRF_COOKIE} cookie value in the ${CSRF_HEADER} header`);
        }
      }
      if (session.rotatedToken) setSessionCookies(reply, cookies, { token: session.rotatedToken });
      principal = principalFromRow(session.user, { via: 'session', sessionId: session.sessionId, tokenScopes: null });
    }
    if (!principal) throw new ApiError(401, 'unauthenticated', 'the account is disabled or has no role');
    if (access.roles !== 'any' && !access.roles.includes(principal.role)) {
      throw new ApiError(403, 'forbidden', `the role ${principal.role} may not use this route`);
    }
    request.principal = principal;
  };
}
