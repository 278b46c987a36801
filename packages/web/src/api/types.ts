// Shapes of the Spur HTTP API (docs/api.md) as the portal uses them.

export const roles = [
  'vendor_admin',
  'program_manager',
  'finance',
  'channel_manager',
  'distributor_admin',
  'reseller_admin',
  'sales_rep',
] as const;
export type Role = (typeof roles)[number];

export const partnerRoles: readonly Role[] = ['distributor_admin', 'reseller_admin', 'sales_rep'];

export function isPartnerRole(role: Role): boolean {
  return partnerRoles.includes(role);
}

/** The signed-in user, as `GET /api/v1/me` and `POST /api/v1/auth/sign-in` return it. */
export interface SessionUser {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  partner_id: string | null;
  language: string;
}

export interface SignInRequest {
  email: string;
  password: string;
}

/** `PATCH /api/v1/me`: what a user may change about themselves. */
export interface ProfileChange {
  name?: string;
  language?: string;
}

export interface SessionResponse {
  user: SessionUser;
}

/** `GET /api/v1/me`: the user, a channel manager's countries, and how the caller authenticated. */
export interface MeResponse {
  user: SessionUser;
  countries: string[];
  via: 'session' | 'token';
}

/** Every API error body: `{"error": {"code", "message", "details"}}`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
