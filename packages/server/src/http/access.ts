import type { Role, Scope } from '../auth/roles.ts';

/**
 * The access rule every `/api/v1` route must declare (in `config.access`); the app refuses to
 * start with a route that has none, and the IDOR test walks all of them.
 * - `public`: anyone, no session (sign-in, password reset, accepting an invitation); `why` says why.
 * - otherwise: signed-in users of `roles`; `scope` is what an API token needs, or null when the
 *   route is for browser sessions only (token management, sign-out). Row-level scoping (which
 *   partners' rows) is applied inside the route with the helpers of `auth/scope.ts`.
 */
export type AccessRule =
  | { public: true; why: string }
  | { public?: false; roles: readonly Role[] | 'any'; scope: Scope | null };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
