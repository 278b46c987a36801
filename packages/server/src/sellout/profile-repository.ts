import type { Queryable } from '../db/connection-types.ts';
import { CANONICAL_PROFILE, type MappingProfile, mappingProfileSchema } from './mapping-profile.ts';
import { SellOutError } from './sellout-errors.ts';

/** A row of `sellout_mapping_profiles` as the database gives it. */
export interface ProfileRow {
  distributor_id: string;
  name: string;
  columns: Record<string, string>;
  delimiter: string;
  decimal_comma: boolean;
  thousands_separator: string;
  date_format: string;
  encoding: string;
  skip_rows: number;
  sheet: string | null;
}

export interface StoredProfile {
  distributorId: string;
  profile: MappingProfile;
}

function fromRow(row: ProfileRow): StoredProfile {
  return {
    distributorId: row.distributor_id,
    profile: mappingProfileSchema.parse({
      name: row.name,
      columns: row.columns,
      delimiter: row.delimiter,
      decimalComma: row.decimal_comma,
      thousandsSeparator: row.thousands_separator,
      dateFormat: row.date_format,
      encoding: row.encoding,
      skipRows: row.skip_rows,
      sheet: row.sheet ?? undefined,
    }),
  };
}

export async function findProfile(db: Queryable, distributorId: string, name: string): Promise<MappingProfile> {
  if (name === CANONICAL_PROFILE.name) return CANONICAL_PROFILE;
  const result = await db.query<ProfileRow>(
    'select * from sellout_mapping_profiles where distributor_id = $1 and name = $2',
    [distributorId, name],
  );
  const row = result.rows[0];
  if (!row) {
    throw new SellOutError('unknown_profile', `no mapping profile "${name}" for distributor ${distributorId}`);
  }
  return fromRow(row).profile;
}

export async function listProfiles(db: Queryable, distributorId?: string): Promise<StoredProfile[]> {
  const result = await db.query<ProfileRow>(
    `select * from sellout_mapping_profiles where $1::text is null or distributor_id = $1
     order by distributor_id, name`,
    [distributorId ?? null],
  );
  return result.rows.map(fromRow);
}

/** Creates or replaces a distributor's profile of that name. */
export async function saveProfile(db: Queryable, distributorId: string, profile: MappingProfile): Promise<void> {
  if (profile.name === CANONICAL_PROFILE.name) {
    throw new SellOutError(
      'invalid_profile',
      `"${CANONICAL_PROFILE.name}" is the built-in layout; choose another name`,
    );
  }
  await assertDistributor(db, distributorId);
  await db.query(
    `insert into sellout_mapping_profiles
       (distributor_id, name, columns, delimiter, decimal_comma, thousands_separator, date_format, encoding,
        skip_rows, sheet)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (distributor_id, name) do update
     set columns = excluded.columns, delimiter = excluded.delimiter, decimal_comma = excluded.decimal_comma,
         thousands_separator = excluded.thousands_separator, date_format = excluded.date_format,
         encoding = excluded.encoding, skip_rows = excluded.skip_rows, sheet = excluded.sheet`,
    [
      distributorId,
      profile.name,
      JSON.stringify(profile.columns),
      profile.delimiter,
      profile.decimalComma,
      profile.thousandsSeparator,
      profile.dateFormat,
      profile.encoding,
      profile.skipRows,
      profile.sheet ?? null,
    ],
  );
}

export async function deleteProfile(db: Queryable, distributorId: string, name: string): Promise<void> {
  const result = await db.query('delete from sellout_mapping_profiles where distributor_id = $1 and name = $2', [
    distributorId,
    name,
  ]);
  if (result.rowCount === 0) {
    throw new SellOutError('unknown_profile', `no mapping profile "${name}" for distributor ${distributorId}`);
  }
}

export async function assertDistributor(db: Queryable, distributorId: string): Promise<void> {
  const result = await db.query<{ type: string }>('select type from partners where partner_id = $1', [distributorId]);
  const type = result.rows[0]?.type;
  if (type !== 'distributor') {
    throw new SellOutError(
      'unknown_distributor',
      type === undefined
        ? `no partner ${distributorId}: import the partners first`
        : `partner ${distributorId} is a ${type}, not a distributor`,
    );
  }
}
