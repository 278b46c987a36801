import type { SpurDb, Tx } from '../db/connection-types.ts';
import type { RowErrorList } from './import-errors.ts';
import {
  type Candidate,
  type Change,
  type ImportOptions,
  type ImportReport,
  importMasterDataFile,
  type MasterDataEntity,
  type ParsedRow,
} from './import-runner.ts';

export const PARTNER_TYPES = ['distributor', 'reseller'] as const;

export type PartnerRecord = {
  partner_id: string;
  name: string;
  type: (typeof PARTNER_TYPES)[number];
  country: string;
  level: string;
  distributor_id: string | null;
  individual_agreement: boolean;
};

export const partnersEntity: MasterDataEntity<PartnerRecord> = {
  entity: 'partner',
  columns: ['partner_id', 'name', 'type', 'country', 'level', 'distributor_id', 'individual_agreement'],
  idColumn: 'partner_id',

  parse(fields) {
    const partner_id = fields.text('partner_id');
    const name = fields.text('name');
    const type = fields.oneOf('type', PARTNER_TYPES);
    const country = fields.countryCode('country');
    const level = fields.raw('level');
    const distributor_id = fields.optionalText('distributor_id');
    const individual_agreement = fields.boolean('individual_agreement');
    if (type === 'distributor' && distributor_id !== null) {
      fields.fail('distributor_id', distributor_id, 'must be empty for a distributor');
    }
    return { partner_id, name, type, country, level, distributor_id, individual_agreement };
  },

  naturalId: (record) => record.partner_id,

  async checkReferences(tx, rows, errors) {
    await checkCountries(tx, rows, errors);
    await checkPreferredDistributors(tx, rows, errors);
    await checkResellersKeepTheirDistributor(tx, rows, errors);
  },

  async loadExisting(tx, records) {
    const { rows } = await tx.query<PartnerRecord>(
      `select partner_id, name, type, country, level, distributor_id, individual_agreement
       from partners where partner_id = any($1::text[])`,
      [records.map((record) => record.partner_id)],
    );
    return new Map(rows.map((row) => [row.partner_id, row]));
  },

  async write(tx, changes: readonly Change<PartnerRecord>[]) {
    const partners = changes.map((change) => change.after);
    await tx.query(
      `insert into partners (partner_id, name, type, country, level, distributor_id, individual_agreement)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
       on conflict (partner_id) do update set
         name = excluded.name, type = excluded.type, country = excluded.country, level = excluded.level,
         distributor_id = excluded.distributor_id, individual_agreement = excluded.individual_agreement`,
      [
        partners.map((p) => p.partner_id),
        partners.map((p) => p.name),
        partners.map((p) => p.type),
        partners.map((p) => p.country),
        partners.map((p) => p.level),
        partners.map((p) => p.distributor_id),
        partners.map((p) => p.individual_agreement),
      ],
    );
    return [];
  },
};

async function checkCountries(tx: Tx, rows: readonly ParsedRow<Candidate<PartnerRecord>>[], errors: RowErrorList) {
  const { rows: known } = await tx.query<{ code: string }>('select code from countries where code = any($1::text[])', [
    [...new Set(rows.flatMap((row) => row.record.country ?? []))],
  ]);
  const countries = new Set(known.map((row) => row.code));
  for (const { line, record } of rows) {
    if (record.country !== undefined && !countries.has(record.country)) {
      errors.add(
        line,
        'unknown_reference',
        'country',
        record.country,
        'is not a known country (see the countries table)',
      );
    }
  }
}

/** A reseller's distributor_id must name a distributor: in this file, or else in the database. */
async function checkPreferredDistributors(
  tx: Tx,
  rows: readonly ParsedRow<Candidate<PartnerRecord>>[],
  errors: RowErrorList,
) {
  const typeInFile = new Map(
    rows.flatMap((row) => (row.record.partner_id ? [[row.record.partner_id, row.record.type]] : [])),
  );
  const wanted = [...new Set(rows.flatMap((row) => (row.record.distributor_id ? [row.record.distributor_id] : [])))];
  const { rows: stored } = await tx.query<{ partner_id: string; type: string }>(
    'select partner_id, type from partners where partner_id = any($1::text[])',
    [wanted.filter((id) => !typeInFile.has(id))],
  );
  const typeInDatabase = new Map(stored.map((row) => [row.partner_id, row.type]));
  for (const { line, record } of rows) {
    // A distributor with a distributor_id already has its error.
    if (!record.distributor_id || record.type === 'distributor') continue;
    // A partner of the file whose own type is invalid already has its error.
    if (typeInFile.has(record.distributor_id) && typeInFile.get(record.distributor_id) === undefined) continue;
    const type = typeInFile.get(record.distributor_id) ?? typeInDatabase.get(record.distributor_id);
    if (type === undefined) {
      errors.add(line, 'unknown_reference', 'distributor_id', record.distributor_id, 'is not a known partner');
    } else if (type !== 'distributor') {
      errors.add(
        line,
        'unknown_reference',
        'distributor_id',
        record.distributor_id,
        `names a ${type}, not a distributor`,
      );
    }
  }
}

/** A distributor that becomes a reseller must not leave stored resellers pointing at a reseller. */
async function checkResellersKeepTheirDistributor(
  tx: Tx,
  rows: readonly ParsedRow<Candidate<PartnerRecord>>[],
  errors: RowErrorList,
) {
  const resellers = rows.filter((row) => row.record.type === 'reseller');
  if (resellers.length === 0) return;
  const { rows: dependants } = await tx.query<{ partner_id: string; distributor_id: string }>(
    `select partner_id, distributor_id from partners
     where distributor_id = any($1::text[]) and not partner_id = any($2::text[])
     order by partner_id`,
    [resellers.flatMap((row) => row.record.partner_id ?? []), rows.flatMap((row) => row.record.partner_id ?? [])],
  );
  for (const { line, record } of resellers) {
    const mine = dependants.filter((row) => row.distributor_id === record.partner_id);
    if (mine.length > 0) {
      errors.add(
        line,
        'conflict',
        'type',
        'reseller',
        `cannot become a reseller: ${mine.length} stored reseller(s) choose it as distributor (e.g. ${mine[0]!.partner_id})`,
      );
    }
  }
}

/** Imports a partners file (CSV or XLSX): `partner_id,name,type,country,level,distributor_id,individual_agreement`. */
export function importPartners(db: SpurDb, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importMasterDataFile(db, partnersEntity, path, options);
}
