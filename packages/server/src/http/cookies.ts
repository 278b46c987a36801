import type { FastifyReply } from 'fastify';
import { SESSION_POLICY } from '../auth/sessions.ts';

export const SESSION_COOKIE = 'spur_session';
export const CSRF_COOKIE = 'spur_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface CookiePolicy {
  /** Send cookies only over HTTPS; on when the public URL is https or SPUR_SECURE_COOKIES=true. */
  secure: boolean;
}

export function setSessionCookies(
  reply: FastifyReply,
  policy: CookiePolicy,
  cookies: { token: string; csrfToken?: string },
): void {
  const base = { path: '/', sameSite: 'lax', secure: policy.secure, maxAge: SESSION_POLICY.absoluteSeconds } as const;
  reply.setCookie(SESSION_COOKIE, cookies.token, { ...base, httpOnly: true });
  // Readable by the portal's script, which echoes it in the x-csrf-token header.
  if (cookies.csrfToken) reply.setCookie(CSRF_COOKIE, cookies.csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookies(reply: FastifyReply, policy: CookiePolicy): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', sameSite: 'lax', secure: policy.secure, httpOnly: true });
  reply.clearCookie(CSRF_COOKIE, { path: '/', sameSite: 'lax', secure: policy.secure });
}
