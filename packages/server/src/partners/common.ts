import { type Kysely, type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';

/** Ids in paths and bodies: natural ids of imported master data (partner ids, SKUs, user ids). */
export const IdSchema = z.string().min(1).max(100);
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as DE');
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');
export const IsoDateSchema = z.iso.date();

/** Whether a scoped existence query finds a row (e.g. "this partner, if the caller may see it"). */
export async function rowExists(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select exists (${query}) as found`.execute(db);
  return rows[0]?.found === true;
}
