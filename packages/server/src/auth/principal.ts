import { isRole, type Role, type Scope } from './roles.ts';

/** Who is calling, resolved once per request from a session cookie or an API token. */
export interface Principal {
  userId: string;
  name: string;
  email: string;
  language: string;
  role: Role;
  partnerId: string | null;
  partnerType: 'distributor' | 'reseller' | null;
  /** Countries of a channel manager's territory; empty for every other role. */
  countries: readonly string[];
  via: 'session' | 'token';
  sessionId: string | null;
  /** What an API token was limited to; null for a session (everything the role allows). */
  tokenScopes: readonly Scope[] | null;
}

/** The columns a principal is made of; select them from `PRINCIPAL_SOURCE` (aliases u, p). */
export const PRINCIPAL_COLUMNS = `u.user_id, u.name, u.email, u.language, u.role, u.partner_id, p.type as partner_type,
  (select array_agg(c.country_code::text order by c.country_code) from channel_manager_countries c
    where c.user_id = u.user_id) as countries`;
/** Active users only: a disabled user's sessions and tokens resolve to nobody. */
export const PRINCIPAL_SOURCE = 'users u left join partners p on p.partner_id = u.partner_id';
export const PRINCIPAL_ACTIVE = 'u.disabled_at is null';

export interface PrincipalRow {
  user_id: string;
  name: string;
  email: string;
  language: string;
  role: string | null;
  partner_id: string | null;
  partner_type: 'distributor' | 'reseller' | null;
  countries: string[] | null;
}

type Via = Pick<Principal, 'via' | 'sessionId' | 'tokenScopes'>;

/** The principal of a row selected with PRINCIPAL_COLUMNS; null when the user has no role. */
export function principalFromRow(row: PrincipalRow, via: Via): Principal | null {
  if (!isRole(row.role)) return null;
  return {
    userId: row.user_id,
    name: row.name,
    email: row.email,
    language: row.language,
    role: row.role,
    partnerId: row.partner_id,
    partnerType: row.partner_type,
    countries: row.role === 'channel_manager' ? (row.countries ?? []) : [],
    ...via,
  };
}
