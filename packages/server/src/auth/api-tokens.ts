import { CACHE_NEUTRAL, type Queryable } from '../db/connection-types.ts';
import { ApiError, notFound } from '../http/errors.ts';
import {
  PRINCIPAL_ACTIVE,
  PRINCIPAL_COLUMNS,
  PRINCIPAL_SOURCE,
  type Principal,
  type PrincipalRow,
} from './principal.ts';
import type { Scope } from './roles.ts';
import { hashSecret, newId, newSecret } from './secrets.ts';

/** API tokens start with this, so secret scanners and people recognise them. */
export const API_TOKEN_PREFIX = 'spur_pat_';

export interface ApiTokenInfo {
  token_id: string;
  user_id: string;
  name: string;
  scopes: Scope[];
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
}

interface ApiTokenRow {
  token_id: string;
  user_id: string;
  name: string;
  scopes: string[];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

function toInfo(row: ApiTokenRow): ApiTokenInfo {
  return {
    token_id: row.token_id,
    user_id: row.user_id,
    name: row.name,
    scopes: row.scopes as Scope[],
    expires_at: row.expires_at?.toISOString() ?? null,
    last_used_at: row.last_used_at?.toISOString() ?? null,
    revoked_at: row.revoked_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
  };
}

const COLUMNS = 'token_id, user_id, name, scopes, expires_at, last_used_at, revoked_at, created_at';

/** Issues a token that acts as `owner` limited to `scopes`; the secret is returned once, only its hash is kept. */
export async function createApiToken(
  db: Queryable,
  owner: Principal,
  input: { name: string; scopes: Scope[]; expiresInDays: number | null },
): Promise<{ token: string; info: ApiTokenInfo }> {
  const tokenId = newId('tok');
  const token = API_TOKEN_PREFIX + newSecret();
  const { rows } = await db.query<ApiTokenRow>(
    `insert into api_tokens (token_id, user_id, name, token_hash, scopes, expires_at)
     values ($1, $2, $3, $4, $5, case when $6::int is null then null else now() + make_interval(days => $6::int) end)
     returning ${COLUMNS}`,
    [tokenId, owner.userId, input.name, hashSecret(token), [...new Set(input.scopes)], input.expiresInDays],
  );
  return { token, info: toInfo(rows[0]!) };
}

/** The live token behind an Authorization header, or null (unknown, revoked, expired). */
export async function resolveApiToken(
  db: Queryable,
  token: string,
): Promise<{ tokenId: string; userId: string; scopes: Scope[]; user: PrincipalRow } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const { rows } = await db.query<PrincipalRow & { token_id: string; scopes: string[]; stale: boolean }>(
    `select t.token_id, t.scopes, coalesce(t.last_used_at < now() - interval '1 minute', true) as stale, ${PRINCIPAL_COLUMNS}
       from api_tokens t join ${PRINCIPAL_SOURCE} on u.user_id = t.user_id
      where t.token_hash = $1 and t.revoked_at is null and (t.expires_at is null or t.expires_at > now())
        and ${PRINCIPAL_ACTIVE}`,
    [hashSecret(token)],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.stale)
    await db.query(`${CACHE_NEUTRAL} update api_tokens set last_used_at = now() where token_id = $1`, [row.token_id]);
  return { tokenId: row.token_id, userId: row.user_id, scopes: row.scopes as Scope[], user: row };
}

/** A user's own tokens; a vendor admin sees everyone's (to revoke a leaked one). */
export async function listApiTokens(db: Queryable, principal: Principal): Promise<ApiTokenInfo[]> {
  const everyone = principal.role === 'vendor_admin';
  const { rows } = await db.query<ApiTokenRow>(
    `select ${COLUMNS} from api_tokens where ($1 or user_id = $2) order by created_at desc, token_id limit 1000`,
    [everyone, principal.userId],
  );
  return rows.map(toInfo);
}

export async function revokeApiToken(db: Queryable, principal: Principal, tokenId: string): Promise<ApiTokenInfo> {
  const everyone = principal.role === 'vendor_admin';
  const { rows } = await db.query<ApiTokenRow>(
    `update api_tokens set revoked_at = coalesce(revoked_at, now())
      where token_id = $1 and ($2 or user_id = $3) returning ${COLUMNS}`,
    [tokenId, everyone, principal.userId],
  );
  if (!rows[0]) throw notFound(`API token ${tokenId}`);
  return toInfo(rows[0]);
}

export function assertScopesGrantable(scopes: readonly Scope[]): void {
  if (scopes.length === 0) throw new ApiError(400, 'validation_failed', 'body.scopes: name at least one scope');
}
