import { z } from 'zod';
import { ROLES, SCOPES } from './roles.ts';

export const RoleSchema = z.enum(ROLES).meta({ id: 'Role' });
export const ScopeSchema = z.enum(SCOPES as [string, ...string[]]).meta({ id: 'Scope' });
export const EmailSchema = z.email().max(254);
/** Upper bound only: the policy (length) is checked by the service with a clear code. */
export const PasswordSchema = z.string().min(1).max(1000);
export const LanguageSchema = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language code such as en, de or pt-BR');

export const SignedInUserSchema = z
  .object({
    user_id: z.string(),
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    partner_id: z.string().nullable(),
    language: z.string(),
  })
  .meta({ id: 'SignedInUser' });

export const UserSchema = z
  .object({
    user_id: z.string(),
    partner_id: z.string().nullable(),
    email: z.string(),
    name: z.string(),
    language: z.string(),
    role: RoleSchema.nullable().describe('null: no access yet'),
    disabled: z.boolean(),
    countries: z.array(z.string()).describe("a channel manager's territory (countries whose partners it sees)"),
  })
  .meta({ id: 'User' });

export const ApiTokenSchema = z
  .object({
    token_id: z.string(),
    user_id: z.string(),
    name: z.string(),
    scopes: z.array(ScopeSchema),
    expires_at: z.string().nullable(),
    last_used_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
    created_at: z.string(),
  })
  .meta({ id: 'ApiToken' });

export const InvitationSchema = z
  .object({
    invitation_id: z.string(),
    email: z.string(),
    name: z.string(),
    role: RoleSchema,
    partner_id: z.string().nullable(),
    expires_at: z.string(),
  })
  .meta({ id: 'Invitation' });

export const TokenSchema = z.string().min(1).max(200);
