import { join } from 'node:path';
import {
  type FxRate,
  type Goal,
  isValidIsoDate,
  type MasterData,
  type Partner,
  type Product,
  type User,
} from '@spur/engine';
import { clustersByCountry } from '../masterdata/reference-data.ts';
import { readCsvRows } from './csv-lines.ts';
import { SimulateError } from './simulate-error.ts';

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

type Row = { line: number; get: (column: string) => string };

function field(file: string, row: Row, column: string, check: (value: string) => boolean, expected: string): string {
  const value = row.get(column);
  if (!check(value)) {
    throw new SimulateError('invalid_value', `"${value}" is not ${expected}`, { file, line: row.line, column, value });
  }
  return value;
}

const nonEmpty = (value: string) => value !== '';

async function readPartners(file: string): Promise<Partner[]> {
  const partners: Partner[] = [];
  for await (const row of readCsvRows(file, [
    'partner_id',
    'type',
    'country',
    'level',
    'distributor_id',
    'individual_agreement',
  ])) {
    const type = field(file, row, 'type', (v) => v === 'distributor' || v === 'reseller', 'distributor or reseller');
    const flag = field(file, row, 'individual_agreement', (v) => /^(true|false|)$/i.test(v), 'true or false');
    partners.push({
      id: field(file, row, 'partner_id', nonEmpty, 'a partner id'),
      type: type as Partner['type'],
      country: field(file, row, 'country', (v) => /^[A-Z]{2}$/.test(v), 'an ISO 3166-1 alpha-2 country code'),
      level: row.get('level'),
      distributorId: row.get('distributor_id') || null,
      individualAgreement: flag.toLowerCase() === 'true',
    });
  }
  return partners;
}

async function readUsers(file: string): Promise<User[]> {
  const users: User[] = [];
  for await (const row of readCsvRows(file, ['user_id', 'partner_id', 'groups'])) {
    users.push({
      id: field(file, row, 'user_id', nonEmpty, 'a user id'),
      partnerId: row.get('partner_id') || null,
      groups: row
        .get('groups')
        .split(';')
        .map((group) => group.trim())
        .filter(nonEmpty),
    });
  }
  return users;
}

async function readProducts(file: string): Promise<Product[]> {
  const products: Product[] = [];
  for await (const row of readCsvRows(file, ['sku', 'family', 'category'])) {
    products.push({
      sku: field(file, row, 'sku', nonEmpty, 'a SKU'),
      family: row.get('family'),
      category: row.get('category'),
    });
  }
  return products;
}

async function readFx(file: string): Promise<FxRate[]> {
  const rates: FxRate[] = [];
  for await (const row of readCsvRows(file, ['month', 'currency', 'eur_rate'])) {
    rates.push({
      month: field(file, row, 'month', (v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), 'a month (YYYY-MM)'),
      currency: field(file, row, 'currency', (v) => /^[A-Z]{3}$/.test(v), 'an ISO 4217 currency code'),
      eurRate: field(
        file,
        row,
        'eur_rate',
        (v) => DECIMAL.test(v) && !/^[+-]?0+(\.0+)?$/.test(v) && !v.startsWith('-'),
        'a positive decimal',
      ),
    });
  }
  return rates;
}

async function readGoals(file: string): Promise<Goal[]> {
  const goals: Goal[] = [];
  for await (const row of readCsvRows(file, ['program_id', 'participant_id', 'period_start', 'metric', 'target'])) {
    goals.push({
      programId: field(file, row, 'program_id', nonEmpty, 'a program id'),
      participantId: field(file, row, 'participant_id', nonEmpty, 'a participant id'),
      periodStart: field(file, row, 'period_start', isValidIsoDate, 'an ISO date (YYYY-MM-DD)'),
      metric: field(file, row, 'metric', (v) => v === 'units' || v === 'revenue', 'units or revenue') as Goal['metric'],
      target: field(file, row, 'target', (v) => DECIMAL.test(v) && !v.startsWith('-'), 'a decimal ≥ 0'),
    });
  }
  return goals;
}

/** Master data from the canonical CSVs in `dir`; clusters come from the built-in reference data. */
export async function readMasterDataFiles(dir: string): Promise<MasterData> {
  const [partners, users, products, fxRates, goals] = await Promise.all([
    readPartners(join(dir, 'partners.csv')),
    readUsers(join(dir, 'users.csv')),
    readProducts(join(dir, 'products.csv')),
    readFx(join(dir, 'fx.csv')),
    readGoals(join(dir, 'goals.csv')),
  ]);
  return { partners, users, products, fxRates, goals, countryClusters: Object.fromEntries(clustersByCountry()) };
}
