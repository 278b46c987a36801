import { filterLevels, type ProductLevel } from './products.ts';
import type { ProductFilter, Program } from './program-schema.ts';

/**
 * The aggregates a program needs: which attributes of sell-out lines to group by and which
 * lines to keep. `aggregateSellOut` (streaming, in memory) and a SQL query (stored runs) must
 * both produce exactly these fact rows; `price` needs nothing else from the lines.
 */
export interface AggregateSpec {
  programId: string;
  /** Lines invoiced before `from` or after `to` belong to no period. */
  dateRange: { from: string; to: string | undefined };
  /** Product granularity of `SellOutFact.product`. */
  productLevel: ProductLevel;
  /** Keep only lines matching this (union of every filter of the program); undefined keeps all. */
  products: ProductFilter | undefined;
  /** Group by the rep on the line (reps programs). */
  byRep: boolean;
  /** Group by the reporting distributor (programs with shares). */
  byDistributor: boolean;
  /** Sum net revenue, grouped by invoice month and currency (for monthly FX conversion). */
  revenue: boolean;
  /** Date windows; a fact lists the ids of those containing its lines' invoice date. */
  promotionWindows: { id: string; from: string; to: string }[];
  /** One fact per line (invoice date, distributor, line id): `first_come` budgets replay lines in order. */
  perLine: boolean;
}

/** One aggregate of sell-out lines. Dimensions the spec does not ask for are null. */
export interface SellOutFact {
  /** First day of the program period of the lines' invoice date. */
  periodStart: string;
  resellerId: string;
  repId: string | null;
  distributorId: string | null;
  /** SKU, family or category per `AggregateSpec.productLevel`; null at level `none`. */
  product: string | null;
  /** `YYYY-MM` when revenue is summed. */
  invoiceMonth: string | null;
  currency: string | null;
  /** Sorted ids of the promotion windows that contain the invoice date. */
  promotionIds: readonly string[];
  /** Only for per-line facts. */
  invoiceDate: string | null;
  lineId: string | null;
  /** Sum of quantities (negative for net returns), an integer as a string. */
  units: string;
  /** Sum of net amounts in `currency`, a decimal string; null when revenue is not summed. */
  revenue: string | null;
  /** How many sell-out lines the fact sums. */
  lines: number;
}

function mergeFilters(filters: readonly (ProductFilter | undefined)[]): ProductFilter | undefined {
  if (filters.some((filter) => filter === undefined)) return undefined;
  const skus = new Set<string>();
  const families = new Set<string>();
  const categories = new Set<string>();
  for (const filter of filters) {
    for (const sku of filter?.skus ?? []) skus.add(sku);
    for (const family of filter?.families ?? []) families.add(family);
    for (const category of filter?.categories ?? []) categories.add(category);
  }
  return { skus: [...skus].sort(), families: [...families].sort(), categories: [...categories].sort() };
}

/** The product filter each reward covers (`percent_of_revenue` defaults to the measure's). */
export function rewardProducts(program: Program, rewardIndex: number): ProductFilter | undefined {
  const rule = program.rewards[rewardIndex];
  if (rule === undefined) return undefined;
  switch (rule.type) {
    case 'per_unit': {
      const keys = Object.keys(rule.amounts);
      if (rule.by === 'sku') return { skus: keys };
      if (rule.by === 'family') return { families: keys };
      return { categories: keys };
    }
    case 'percent_of_revenue':
      return rule.products ?? program.measure.products;
    case 'tiers':
    case 'target_bonus':
      return program.measure.products;
  }
}

export function usesRevenue(program: Program): boolean {
  return (
    program.measure.metric === 'revenue' ||
    program.goal?.metric === 'revenue' ||
    program.rewards.some((rule) => rule.type === 'percent_of_revenue')
  );
}

export function aggregateSpec(program: Program): AggregateSpec {
  const rewardFilters = program.rewards.map((_, index) => rewardProducts(program, index));
  const levels = new Set<ProductLevel>();
  for (const filter of [
    program.measure.products,
    ...rewardFilters,
    ...(program.promotions ?? []).map((p) => p.products),
  ]) {
    for (const level of filterLevels(filter)) levels.add(level);
  }
  const productLevel: ProductLevel = levels.size === 0 ? 'none' : levels.size === 1 ? [...levels][0]! : 'sku';
  const perLine = program.budget?.policy === 'first_come';
  return {
    programId: program.id,
    dateRange: { from: program.start, to: program.end },
    productLevel,
    products: mergeFilters([program.measure.products, ...rewardFilters]),
    byRep: program.participants === 'reps',
    byDistributor: (program.shares?.length ?? 0) > 0 || perLine,
    revenue: usesRevenue(program),
    promotionWindows: (program.promotions ?? []).map((p) => ({ id: p.id, from: p.from, to: p.to })),
    perLine,
  };
}
