import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_PRODUCTS } from './catalogue.ts';
import { buildChannel, type DemoChannel } from './channel.ts';
import { csvRow, writeChunks } from './csv.ts';
import { formatMillionths } from './decimal.ts';
import { buildFxRates } from './fx-rates.ts';
import { buildCashpaqGoals } from './goals.ts';
import { type CashpaqTally, localListPrices, sellOutChunks } from './sellout.ts';

export const DEFAULT_DEMO_SEED = 2026;

export interface DemoDatasetOptions {
  /** Sell-out lines to write. */
  lines: number;
  /** Same seed and lines give byte-identical files. */
  seed?: number;
  /** Created when missing; existing files of the same names are replaced. */
  outDir: string;
}

export interface DemoDatasetSummary {
  outDir: string;
  seed: number;
  files: Record<DemoFile, { rows: number; bytes: number }>;
  milliseconds: number;
}

export const DEMO_FILES = ['partners.csv', 'users.csv', 'products.csv', 'fx.csv', 'goals.csv', 'sellout.csv'] as const;
export type DemoFile = (typeof DEMO_FILES)[number];

export function parseSeed(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`seed ${value} must be a whole number from 0 to 4294967295`);
  }
  return value;
}

function* rows(header: string, records: Iterable<readonly string[]>): Generator<string> {
  yield `${header}\n`;
  for (const record of records) yield csvRow(record);
}

function partnerRecords(channel: DemoChannel): string[][] {
  return [...channel.distributors, ...channel.resellers].map((partner) => [
    partner.partnerId,
    partner.name,
    partner.type,
    partner.country.code,
    partner.level,
    partner.distributorId,
    partner.individualAgreement ? 'true' : 'false',
  ]);
}

/**
 * Writes the six canonical CSVs of a deterministic EMEA channel (docs/demo-data.md) into
 * `outDir`. Sell-out streams to disk; each file appears under its name only once complete.
 */
export async function generateDemoDataset(options: DemoDatasetOptions): Promise<DemoDatasetSummary> {
  const started = process.hrtime.bigint();
  const seed = parseSeed(options.seed ?? DEFAULT_DEMO_SEED);
  if (!Number.isSafeInteger(options.lines) || options.lines < 0) {
    throw new RangeError(`lines ${options.lines} must be a whole number >= 0`);
  }
  await mkdir(options.outDir, { recursive: true });
  const channel = buildChannel(seed);
  const fx = buildFxRates(seed);
  const currencyIndex = new Map(fx.currencies.map((currency, index) => [currency, index]));
  const files = {} as DemoDatasetSummary['files'];

  const write = async (file: DemoFile, rowCount: number, chunks: Iterable<string>) => {
    const target = join(options.outDir, file);
    const partial = `${target}.partial`;
    try {
      const bytes = await writeChunks(partial, chunks);
      await rename(partial, target);
      files[file] = { rows: rowCount, bytes };
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  };

  const partners = partnerRecords(channel);
  await write(
    'partners.csv',
    partners.length,
    rows('partner_id,name,type,country,level,distributor_id,individual_agreement', partners),
  );
  await write(
    'users.csv',
    channel.users.length,
    rows(
      'user_id,partner_id,email,name,language,groups',
      channel.users.map((user) => [
        user.userId,
        user.partnerId,
        user.email,
        user.name,
        user.language,
        user.groups.join(';'),
      ]),
    ),
  );
  await write(
    'products.csv',
    DEMO_PRODUCTS.length,
    rows(
      'sku,name,family,category',
      DEMO_PRODUCTS.map((product) => [product.sku, product.name, product.family, product.category]),
    ),
  );
  const fxRows = [...fx.list]
    .sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency))
    .map((rate) => [rate.month, rate.currency, formatMillionths(rate.eurRateMillionths)]);
  await write('fx.csv', fxRows.length, rows('month,currency,eur_rate', fxRows));

  const tally: CashpaqTally = new Map();
  await write(
    'sellout.csv',
    options.lines,
    sellOutChunks(channel, {
      lines: options.lines,
      seed,
      localListCents: localListPrices(fx.rates),
      currencyIndex,
      cashpaqTally: tally,
    }),
  );
  // Goals come last: they are set from the units each reseller sold (see goals.ts).
  const goals = buildCashpaqGoals(channel, tally, seed);
  await write(
    'goals.csv',
    goals.length,
    rows(
      'program_id,participant_id,period_start,metric,target',
      goals.map((goal) => [goal.programId, goal.participantId, goal.periodStart, goal.metric, String(goal.target)]),
    ),
  );
  const milliseconds = Number((process.hrtime.bigint() - started) / 1_000_000n);
  return { outDir: options.outDir, seed, files, milliseconds };
}
