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

/** One page of a cursor-paginated list; `next_cursor` is null on the last page. */
export interface Page<Item> {
  items: Item[];
  next_cursor: string | null;
}

export type PartnerType = 'distributor' | 'reseller';

export interface Partner {
  partner_id: string;
  name: string;
  type: PartnerType;
  country: string;
  level: string;
  /** A reseller's preferred distributor. */
  distributor_id: string | null;
  individual_agreement: boolean;
}

export interface PortalUser {
  user_id: string;
  partner_id: string | null;
  email: string;
  name: string;
  language: string;
  /** null: invited, no access yet. */
  role: Role | null;
  disabled: boolean;
}

export interface PartnerQuery {
  type?: PartnerType;
  name_starts_with?: string;
  cursor?: string;
}

export interface UserQuery {
  partner_id?: string;
  limit?: number;
  role?: Role;
  email_starts_with?: string;
  cursor?: string;
}

/** One audit log entry: who did what to which record, with the record before and after. */
export interface AuditEntry {
  audit_id: string;
  occurred_at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entity?: string;
  cursor?: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'expired';

export interface Invitation {
  invitation_id: string;
  email: string;
  name: string;
  role: Role;
  partner_id: string | null;
  expires_at: string;
  status: InvitationStatus;
  invited_by: string;
}

export interface NewInvitation {
  email: string;
  name: string;
  role: Role;
  partner_id: string | null;
  language: string;
}

/** Every API error body: `{"error": {"code", "message", "details"}}`. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}
