import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  aggregateSpec,
  type MasterData,
  type Partner,
  type PricingResult,
  type Program,
  parsePeriod,
  parseProgram,
  price,
  SellOutAggregator,
  type SellOutLine,
  scheduleOf,
} from '../src/index.ts';

export function loadExample(name: string): Program {
  const url = new URL(`../../../examples/programs/${name}.yaml`, import.meta.url);
  return parseProgram(readFileSync(fileURLToPath(url), 'utf8'));
}

let lineCounter = 0;

/** A sell-out line with defaults; only what a test cares about needs saying. */
export function line(
  fields: Partial<SellOutLine> & Pick<SellOutLine, 'resellerId' | 'sku' | 'invoiceDate'>,
): SellOutLine {
  lineCounter++;
  return {
    distributorId: 'D1',
    lineId: `L${lineCounter}`,
    repId: null,
    quantity: '1',
    netAmount: '0',
    currency: 'EUR',
    ...fields,
  };
}

export function partner(fields: Partial<Partner> & Pick<Partner, 'id' | 'country'>): Partner {
  return { type: 'reseller', level: 'gold', distributorId: 'D1', individualAgreement: false, ...fields };
}

export function master(fields: Partial<MasterData>): MasterData {
  return {
    partners: [],
    users: [],
    products: [],
    countryClusters: { DE: ['DACH', 'EMEA'], AT: ['DACH', 'EMEA'], CH: ['DACH', 'EMEA'], SE: ['NORDICS', 'EMEA'] },
    fxRates: [],
    goals: [],
    ...fields,
  };
}

/** Aggregates lines the way `spur simulate` does and prices one period. */
export function priceLines(
  program: Program,
  periodReference: string,
  lines: readonly SellOutLine[],
  data: MasterData,
): PricingResult {
  const period = parsePeriod(scheduleOf(program), periodReference);
  const aggregator = new SellOutAggregator(
    aggregateSpec(program),
    scheduleOf(program),
    new Map(data.products.map((p) => [p.sku, p])),
  );
  for (const sellOutLine of lines) aggregator.add(sellOutLine);
  const facts = aggregator.facts().filter((fact) => fact.periodStart === period.start);
  return price(program, period, facts, data);
}

/** Amount per participant, `partner:R1` → `1000.00`. */
export function amounts(result: PricingResult): Record<string, string> {
  return Object.fromEntries(result.earnings.map((e) => [`${e.participantType}:${e.participantId}`, e.amount]));
}
