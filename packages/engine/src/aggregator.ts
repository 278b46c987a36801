import type { AggregateSpec, SellOutFact } from './aggregates.ts';
import type { Product } from './master-data.ts';
import { type Period, type PeriodSchedule, periodOf } from './periods.ts';
import { productKey, productMatches } from './products.ts';

/** A canonical sell-out line (`sellout.csv`); quantity and amount as exact text. */
export interface SellOutLine {
  distributorId: string;
  lineId: string;
  invoiceDate: string;
  resellerId: string;
  repId: string | null;
  sku: string;
  quantity: string;
  netAmount: string;
  currency: string;
}

/** What happened to a line offered to the aggregator. */
export type LineOutcome = 'counted' | 'outside_program' | 'product_not_covered' | 'unknown_sku';

/** Net amounts are summed as integers of this many decimals (NUMERIC sums stay exact too). */
export const AMOUNT_SCALE = 6;
const AMOUNT_FACTOR = 10n ** BigInt(AMOUNT_SCALE);

/** Thrown for a line whose quantity or amount is not exact text; the caller adds file and line. */
export class SellOutValueError extends Error {
  readonly field: 'quantity' | 'net_amount' | 'invoice_date';
  readonly value: string;
  constructor(field: 'quantity' | 'net_amount' | 'invoice_date', value: string, reason: string) {
    super(`${field} "${value}" ${reason}`);
    this.field = field;
    this.value = value;
  }
}

const INTEGER = /^[+-]?\d+$/;
const AMOUNT = /^([+-])?(\d+)(?:\.(\d+))?$/;

function scaledAmount(text: string): bigint {
  const match = AMOUNT.exec(text);
  if (!match) throw new SellOutValueError('net_amount', text, 'is not a decimal number');
  const fraction = match[3] ?? '';
  if (fraction.length > AMOUNT_SCALE) {
    throw new SellOutValueError('net_amount', text, `has more than ${AMOUNT_SCALE} decimals`);
  }
  const value = BigInt(match[2]! + fraction.padEnd(AMOUNT_SCALE, '0'));
  return match[1] === '-' ? -value : value;
}

function formatScaled(value: bigint): string {
  const negative = value < 0n;
  const absolute = negative ? -value : value;
  const whole = absolute / AMOUNT_FACTOR;
  const fraction = (absolute % AMOUNT_FACTOR).toString().padStart(AMOUNT_SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

interface InvoiceDateInfo {
  period: Period | null;
  month: string;
  promotions: string;
}

/** Sums of one fact; its dimensions live only in the map key (see `facts`). */
interface Accumulator {
  units: bigint;
  revenue: bigint;
  lines: number;
}

const SEPARATOR = '\u0001';

/**
 * Streams sell-out lines into the fact rows of an `AggregateSpec`. Memory grows with the number
 * of distinct facts, never with the number of lines. Line order does not change the result.
 */
export class SellOutAggregator {
  private readonly spec: AggregateSpec;
  private readonly schedule: PeriodSchedule;
  private readonly products: ReadonlyMap<string, Product>;
  private readonly accumulators = new Map<string, Accumulator>();
  private readonly datesSeen = new Map<string, InvoiceDateInfo>();
  /** Reused for every line's key, so keying allocates only the key string. */
  private readonly keyParts: string[] = ['', '', '', '', '', '', '', '', '', ''];
  private readonly skuVerdicts = new Map<string, { key: string | null; outcome: LineOutcome }>();
  readonly outcomes: Record<LineOutcome, number> = {
    counted: 0,
    outside_program: 0,
    product_not_covered: 0,
    unknown_sku: 0,
  };

  constructor(spec: AggregateSpec, schedule: PeriodSchedule, products: ReadonlyMap<string, Product>) {
    this.spec = spec;
    this.schedule = schedule;
    this.products = products;
  }

  /** Period, invoice month and promotion windows of an invoice date, computed once per date. */
  private dateInfo(date: string): InvoiceDateInfo {
    let info = this.datesSeen.get(date);
    if (info === undefined) {
      let period: Period | undefined;
      try {
        period = periodOf(this.schedule, date);
      } catch {
        throw new SellOutValueError('invoice_date', date, 'is not an ISO date (YYYY-MM-DD)');
      }
      const promotions = this.spec.promotionWindows
        .filter((window) => window.from <= date && date <= window.to)
        .map((window) => window.id)
        .sort()
        .join(',');
      info = { period: period ?? null, month: date.slice(0, 7), promotions };
      this.datesSeen.set(date, info);
    }
    return info;
  }

  private classify(sku: string): { key: string | null; outcome: LineOutcome } {
    let verdict = this.skuVerdicts.get(sku);
    if (verdict === undefined) {
      const product = this.products.get(sku);
      const { productLevel, products } = this.spec;
      const key = productKey(productLevel, sku, product);
      const needsMaster = productLevel === 'family' || productLevel === 'category';
      if (key === undefined || (products !== undefined && needsMaster && product === undefined)) {
        verdict = { key: null, outcome: 'unknown_sku' };
      } else if (!productMatches(products, 'sku', sku, product)) {
        verdict = { key: null, outcome: product === undefined ? 'unknown_sku' : 'product_not_covered' };
      } else {
        verdict = { key, outcome: 'counted' };
      }
      this.skuVerdicts.set(sku, verdict);
    }
    return verdict;
  }

  /** Adds one line; returns whether it counted and, if not, why. */
  add(line: SellOutLine): LineOutcome {
    const { period, month, promotions } = this.dateInfo(line.invoiceDate);
    if (!INTEGER.test(line.quantity)) throw new SellOutValueError('quantity', line.quantity, 'is not an integer');
    const spec = this.spec;
    let amount = 0n;
    if (spec.revenue) amount = scaledAmount(line.netAmount);
    else if (!AMOUNT.test(line.netAmount))
      throw new SellOutValueError('net_amount', line.netAmount, 'is not a decimal number');
    if (period === null) {
      this.outcomes.outside_program++;
      return 'outside_program';
    }
    const verdict = this.classify(line.sku);
    if (verdict.outcome !== 'counted') {
      this.outcomes[verdict.outcome]++;
      return verdict.outcome;
    }
    // The key holds every dimension (fixed positions, unused ones empty): facts() reads them back,
    // so no string of the input line outlives the line.
    const parts = this.keyParts;
    parts[0] = period.start;
    parts[1] = line.resellerId;
    parts[2] = spec.byRep ? (line.repId ?? '') : '';
    parts[3] = spec.byDistributor ? line.distributorId : '';
    parts[4] = verdict.key ?? '';
    parts[5] = spec.revenue ? month : '';
    parts[6] = spec.revenue ? line.currency : '';
    parts[7] = promotions;
    parts[8] = spec.perLine ? line.invoiceDate : '';
    parts[9] = spec.perLine ? line.lineId : '';
    const key = parts.join(SEPARATOR);
    const accumulator = this.accumulators.get(key);
    if (accumulator === undefined) {
      this.accumulators.set(key, { units: BigInt(line.quantity), revenue: amount, lines: 1 });
    } else {
      accumulator.units += BigInt(line.quantity);
      if (spec.revenue) accumulator.revenue += amount;
      accumulator.lines++;
    }
    this.outcomes.counted++;
    return 'counted';
  }

  /** The facts so far, in a stable order (by their grouping key). */
  facts(): SellOutFact[] {
    const spec = this.spec;
    const keys = [...this.accumulators.keys()].sort();
    return keys.map((key) => {
      const accumulator = this.accumulators.get(key)!;
      const [
        periodStart,
        resellerId,
        repId,
        distributorId,
        product,
        invoiceMonth,
        currency,
        promotions,
        invoiceDate,
        lineId,
      ] = key.split(SEPARATOR) as [string, string, string, string, string, string, string, string, string, string];
      return {
        periodStart,
        resellerId,
        repId: repId === '' ? null : repId,
        distributorId: spec.byDistributor ? distributorId : null,
        product: spec.productLevel === 'none' ? null : product,
        invoiceMonth: spec.revenue ? invoiceMonth : null,
        currency: spec.revenue ? currency : null,
        promotionIds: promotions === '' ? [] : promotions.split(','),
        invoiceDate: spec.perLine ? invoiceDate : null,
        lineId: spec.perLine ? lineId : null,
        units: accumulator.units.toString(),
        revenue: spec.revenue ? formatScaled(accumulator.revenue) : null,
        lines: accumulator.lines,
      };
    });
  }
}
