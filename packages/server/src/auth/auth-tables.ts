import type { ColumnType, Generated } from 'kysely';

/** Kysely row types of the tables of migration 0004_auth (listed in `db/schema.ts`). */
type Timestamps = {
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
};

export interface UserCredentialsTable extends Timestamps {
  user_id: string;
  password_hash: string;
  password_changed_at: Generated<Date>;
}

export interface ChannelManagerCountriesTable extends Timestamps {
  user_id: string;
  country_code: string;
}

export interface SessionsTable extends Timestamps {
  session_id: string;
  user_id: string;
  token_hash: string;
  previous_token_hash: string | null;
  rotated_at: Generated<Date>;
  csrf_hash: string;
  last_seen_at: Generated<Date>;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  revoked_at: Date | null;
  ip: Generated<string>;
  user_agent: Generated<string>;
}

export interface LoginFailuresTable extends Timestamps {
  failure_id: Generated<string>;
  account_key: string;
  ip: string;
  failed_at: Generated<Date>;
}

export interface ApiTokensTable extends Timestamps {
  token_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  scopes: string[];
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface PasswordResetsTable extends Timestamps {
  token_hash: string;
  user_id: string;
  expires_at: Date;
  used_at: Date | null;
}

export interface InvitationsTable extends Timestamps {
  invitation_id: string;
  token_hash: string;
  email: string;
  name: string;
  language: string;
  role: string;
  partner_id: string | null;
  invited_by: string;
  expires_at: Date;
  accepted_at: Date | null;
  user_id: string | null;
}

export interface MailOutboxTable extends Timestamps {
  mail_id: Generated<string>;
  to_address: string;
  subject: string;
  body_text: string;
}
