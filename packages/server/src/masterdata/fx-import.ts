import type { SpurDb } from '../db/connection-types.ts';
import { type ImportOptions, type ImportReport, importMasterDataFile, type MasterDataEntity } from './import-runner.ts';
import { canonicalDecimal } from './row-fields.ts';

/** `month` is the first day of the month; 1 unit of `currency` equals `eur_rate` EUR in it. */
export type FxRateRecord = { month: string; currency: string; eur_rate: string };

/** fx_rates.eur_rate is NUMERIC(24, 12). */
const EUR_RATE_LIMITS = { integerDigits: 12, fractionDigits: 12 };

export const fxRatesEntity: MasterDataEntity<FxRateRecord> = {
  entity: 'fx_rate',
  columns: ['month', 'currency', 'eur_rate'],
  idColumn: 'month,currency',

  parse(fields) {
    const month = fields.month('month');
    const currency = fields.currencyCode('currency');
    const eurRate = fields.decimal('eur_rate', EUR_RATE_LIMITS);
    if (eurRate === '0') fields.fail('eur_rate', fields.raw('eur_rate'), 'must be greater than zero');
    // The euro converts to itself; any other rate would be a typo that skews every report.
    if (currency === 'EUR' && eurRate !== undefined && eurRate !== '1') {
      fields.fail('eur_rate', fields.raw('eur_rate'), 'must be 1 for EUR');
    }
    return { month, currency, eur_rate: eurRate };
  },

  naturalId: ({ month, currency }) =>
    month === undefined || currency === undefined ? undefined : `${month.slice(0, 7)}/${currency}`,

  async loadExisting(tx, records) {
    const { rows } = await tx.query<FxRateRecord>(
      `select month, currency, eur_rate::text as eur_rate from fx_rates
       where (month, currency) in (select * from unnest($1::date[], $2::text[]))`,
      [records.map((record) => record.month), records.map((record) => record.currency)],
    );
    return new Map(
      rows.map((row) => {
        const record = { month: row.month, currency: row.currency, eur_rate: canonicalDecimal(row.eur_rate) };
        return [fxRatesEntity.naturalId(record)!, record];
      }),
    );
  },

  async write(tx, changes) {
    const rates = changes.map((change) => change.after);
    await tx.query(
      `insert into fx_rates (month, currency, eur_rate)
       select * from unnest($1::date[], $2::text[], $3::numeric[])
       on conflict (month, currency) do update set eur_rate = excluded.eur_rate`,
      [rates.map((r) => r.month), rates.map((r) => r.currency), rates.map((r) => r.eur_rate)],
    );
    return [];
  },
};

/** Imports a monthly FX rates file (CSV or XLSX): `month,currency,eur_rate`. */
export function importFxRates(db: SpurDb, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  return importMasterDataFile(db, fxRatesEntity, path, options);
}
