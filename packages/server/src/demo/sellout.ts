import { businessDaysOfDemoYear } from './calendar.ts';
import { CASHPAQ_SKUS, DEMO_PRODUCTS, type ProductFamily } from './catalogue.ts';
import type { DemoChannel, PartnerLevel } from './channel.ts';
import { divideRoundHalfUp, formatCents } from './decimal.ts';
import { cumulativeWeights, DemoRandom, type WeightTable } from './random.ts';

/**
 * Sell-out lines for the demo year, produced in chunks of whole lines so a caller can stream
 * them to a file or straight into COPY without holding them: memory stays constant in `lines`.
 * Amounts are whole cents in the reseller's currency: the EUR list price converted with the
 * invoice month's rate, less a per-line discount, times the quantity.
 */
export const SELLOUT_HEADER =
  'distributor_id,line_id,invoice_date,reseller_id,rep_id,sku,quantity,net_amount,currency\n';

/** Lines per chunk: large enough to make writes cheap, small enough to keep memory flat. */
const LINES_PER_CHUNK = 4096;

/** Chances in permille: a return, a line without rep, a rep of another reseller, bought off the preferred distributor. */
const RETURN_PERMILLE = 25;
const NO_REP_PERMILLE = 150;
const FOREIGN_REP_PERMILLE = 50;
const OTHER_DISTRIBUTOR_PERMILLE = 200;

/** Share of each family in the lines, in percent of the weight of a base SKU. */
const FAMILY_WEIGHT: Record<ProductFamily, number> = {
  NOTEBOOK: 35,
  DESKTOP: 20,
  NETWORKING: 15,
  SERVER: 12,
  SOFTWARE: 10,
  STORAGE: 8,
};

/** Quantities per line by family: values and their integer weights. */
const QUANTITIES: Record<ProductFamily, { values: number[]; weights: number[] }> = {
  SERVER: { values: [1, 2, 3, 4, 5, 10], weights: [60, 20, 8, 6, 4, 2] },
  STORAGE: { values: [1, 2, 3, 4, 8], weights: [60, 20, 10, 6, 4] },
  NOTEBOOK: { values: [1, 2, 3, 5, 10, 20, 50], weights: [35, 20, 12, 12, 10, 8, 3] },
  DESKTOP: { values: [1, 2, 3, 5, 10, 20, 50], weights: [35, 20, 12, 12, 10, 8, 3] },
  NETWORKING: { values: [1, 2, 4, 8, 16, 24], weights: [40, 20, 15, 12, 8, 5] },
  SOFTWARE: { values: [1, 2, 5, 10, 25, 50, 100], weights: [30, 15, 15, 15, 12, 8, 5] },
};

/** Discount off list in whole percent [min, max] by reseller level. */
const DISCOUNT_BY_LEVEL: Record<PartnerLevel, readonly [number, number]> = {
  registered: [0, 4],
  silver: [2, 8],
  gold: [5, 12],
  platinum: [8, 15],
};

/** In Sweden the CashPaq servers are pushed: they take this percentage of Swedish lines. */
const CASHPAQ_SHARE_IN_SE = 30;

/** Net CashPaq units per Swedish reseller and 30-day period, counted while the lines stream by. */
export type CashpaqTally = Map<string, number[]>;

export interface SellOutOptions {
  lines: number;
  seed: number;
  /** Local list price in cents: prices[productIndex][currencyIndex][monthIndex]. */
  localListCents: number[][][];
  currencyIndex: Map<string, number>;
  /** Filled with net CashPaq units when given. */
  cashpaqTally?: CashpaqTally;
}

function productWeights(forSweden: boolean): WeightTable {
  const cashpaq = new Set(CASHPAQ_SKUS);
  const weights = DEMO_PRODUCTS.map((product) => {
    // Base configurations sell more often than options.
    const base = product.sku.split('-').length === 2 || cashpaq.has(product.sku) ? 4 : 1;
    if (forSweden && cashpaq.has(product.sku)) return 0;
    return FAMILY_WEIGHT[product.family] * base;
  });
  if (!forSweden) return cumulativeWeights(weights);
  const others = weights.reduce((sum, weight) => sum + weight, 0);
  // Give the four CashPaq SKUs together CASHPAQ_SHARE_IN_SE percent of the Swedish weight.
  const cashpaqTotal = divideRoundHalfUp(others * CASHPAQ_SHARE_IN_SE, 100 - CASHPAQ_SHARE_IN_SE);
  const each = divideRoundHalfUp(cashpaqTotal, CASHPAQ_SKUS.length);
  return cumulativeWeights(DEMO_PRODUCTS.map((product, index) => (cashpaq.has(product.sku) ? each : weights[index]!)));
}

/** The local list price of every product in every currency and month, in whole cents. */
export function localListPrices(currencyRates: number[][]): number[][][] {
  return DEMO_PRODUCTS.map((product) =>
    currencyRates.map((byMonth) =>
      byMonth.map((millionths) => divideRoundHalfUp(product.listPriceCents * 1_000_000, millionths)),
    ),
  );
}

export function* sellOutChunks(channel: DemoChannel, options: SellOutOptions): Generator<string> {
  const { lines, localListCents, currencyIndex, cashpaqTally } = options;
  if (!Number.isSafeInteger(lines) || lines < 0) throw new RangeError(`lines ${lines} must be a whole number >= 0`);
  const random = new DemoRandom(options.seed).fork(3);
  const days = businessDaysOfDemoYear();
  const dayCount = days.length;

  const resellers = channel.resellers.map((reseller) => {
    const serving = channel.distributorsByCountry.get(reseller.country.code)!;
    return {
      id: reseller.partnerId,
      preferred: reseller.distributorId,
      serving: serving.map((distributor) => distributor.partnerId),
      currency: reseller.country.currency,
      currencyIndex: currencyIndex.get(reseller.country.currency)!,
      reps: channel.repsByReseller.get(reseller.partnerId) ?? [],
      discount: DISCOUNT_BY_LEVEL[reseller.level],
      sweden: reseller.country.code === 'SE',
    };
  });
  const resellerWeights = cumulativeWeights(channel.resellers.map((reseller) => reseller.volumeWeight));
  const allReps = [...channel.repsByReseller.values()].flat();
  const lineCounter = new Map<string, number>(channel.distributors.map((distributor) => [distributor.partnerId, 0]));

  const generalProducts = productWeights(false);
  const swedishProducts = productWeights(true);
  const cashpaqProduct = DEMO_PRODUCTS.map((product) => CASHPAQ_SKUS.includes(product.sku));
  const quantityTables = new Map<ProductFamily, { values: number[]; weights: WeightTable }>(
    Object.entries(QUANTITIES).map(([family, table]) => [
      family as ProductFamily,
      { values: table.values, weights: cumulativeWeights(table.weights) },
    ]),
  );
  const products = DEMO_PRODUCTS.map((product) => ({
    sku: product.sku,
    quantities: quantityTables.get(product.family)!,
  }));

  yield SELLOUT_HEADER;
  let chunk = '';
  let inChunk = 0;
  for (let lineIndex = 0; lineIndex < lines; lineIndex++) {
    // Lines are spread evenly over the business days, in date order.
    const dayIndex = Math.floor((lineIndex * dayCount) / lines);
    const day = days[dayIndex]!;
    const reseller = resellers[random.pickIndex(resellerWeights)]!;
    const distributorId =
      reseller.serving.length > 1 && random.chance(OTHER_DISTRIBUTOR_PERMILLE)
        ? random.pick(reseller.serving)
        : reseller.preferred;
    const productIndex = random.pickIndex(reseller.sweden ? swedishProducts : generalProducts);
    const product = products[productIndex]!;
    let quantity = product.quantities.values[random.pickIndex(product.quantities.weights)]!;
    if (random.chance(RETURN_PERMILLE)) quantity = -quantity;
    const discountPercent = random.between(reseller.discount[0], reseller.discount[1]);
    const listCents = localListCents[productIndex]![reseller.currencyIndex]![day.monthIndex]!;
    const unitCents = divideRoundHalfUp(listCents * (100 - discountPercent), 100);
    const repRoll = random.below(1000);
    const repId =
      repRoll < NO_REP_PERMILLE || reseller.reps.length === 0
        ? ''
        : repRoll < NO_REP_PERMILLE + FOREIGN_REP_PERMILLE
          ? random.pick(allReps)
          : random.pick(reseller.reps);
    const lineNumber = lineCounter.get(distributorId)! + 1;
    lineCounter.set(distributorId, lineNumber);

    chunk += `${distributorId},L${lineNumber},${day.date},${reseller.id},${repId},${product.sku},${quantity},${formatCents(quantity * unitCents)},${reseller.currency}\n`;
    if (cashpaqTally && reseller.sweden && cashpaqProduct[productIndex]) {
      let periods = cashpaqTally.get(reseller.id);
      if (!periods) {
        periods = [];
        cashpaqTally.set(reseller.id, periods);
      }
      periods[day.cashpaqPeriod] = (periods[day.cashpaqPeriod] ?? 0) + quantity;
    }
    if (++inChunk === LINES_PER_CHUNK) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  if (chunk) yield chunk;
}
