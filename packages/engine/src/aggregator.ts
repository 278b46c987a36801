import type { AggregateSpec, SellOutFact } from './aggregates.ts';
import {
  addExact,
  ByteInterner,
  dateNumber,
  exactTotal,
  FACT_KEY_WIDTH,
  FactTable,
  parseSafeInteger,
  parseScaledDecimal,
  splitFields,
} from './line-keys.ts';
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

/** Where the canonical `sellout.csv` columns sit in a file's lines (`addCsvLine`). */
export interface CsvLayout {
  /** Number of fields of every line. */
  fieldCount: number;
  /** Positions of distributor_id, line_id, invoice_date, reseller_id, rep_id, sku, quantity, net_amount, currency. */
  positions: readonly number[];
}

/** What an invoice date contributes to a fact key, with its id in the fact table. */
interface DateClass {
  id: number;
  periodStart: string;
  month: string;
  promotions: string;
}

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
  // Byte path (addCsvLine): ids instead of strings; facts() merges both paths.
  private layout: CsvLayout | undefined;
  private readonly fieldStarts = new Int32Array(64);
  private readonly fieldEnds = new Int32Array(64);
  private readonly interner = new ByteInterner();
  private readonly dateClasses = new Map<number, DateClass | null>();
  private readonly dateClassIds = new Map<string, DateClass>();
  private readonly dateClassList: DateClass[] = [];
  /** By SKU id: product key id, or -1 - outcome index when not counted. */
  private readonly skuIds: number[] = [];
  private readonly productKeys: (string | null)[] = [];
  private readonly table = new FactTable();
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

  /** Sets the column layout of the lines `addCsvLine` receives (from the header row). */
  useCsvLayout(layout: CsvLayout): void {
    this.layout = layout.fieldCount <= this.fieldStarts.length ? layout : undefined;
  }

  /** The date class of an invoice date given as YYYYMMDD; null outside the program; undefined if invalid. */
  private dateClass(bytes: Uint8Array, start: number, end: number): DateClass | null | undefined {
    const number = dateNumber(bytes, start, end);
    if (number < 0) return undefined;
    let known = this.dateClasses.get(number);
    if (known === undefined) {
      let info: InvoiceDateInfo;
      try {
        info = this.dateInfo(this.interner.values[this.interner.id(bytes, start, end)]!);
      } catch {
        return undefined;
      }
      if (info.period === null) known = null;
      else {
        const month = this.spec.revenue ? info.month : '';
        const name = `${info.period.start}${SEPARATOR}${month}${SEPARATOR}${info.promotions}`;
        known = this.dateClassIds.get(name);
        if (known === undefined) {
          known = { id: this.dateClassList.length, periodStart: info.period.start, month, promotions: info.promotions };
          this.dateClassIds.set(name, known);
          this.dateClassList.push(known);
        }
      }
      this.dateClasses.set(number, known);
    }
    return known;
  }

  private static readonly OUTCOMES: LineOutcome[] = [
    'counted',
    'outside_program',
    'product_not_covered',
    'unknown_sku',
  ];

  /** Product key id of a SKU id, or -1 - index in OUTCOMES when the line does not count. */
  private productOf(skuId: number): number {
    let known = this.skuIds[skuId];
    if (known === undefined) {
      const verdict = this.classify(this.interner.values[skuId]!);
      if (verdict.outcome === 'counted') {
        known = this.productKeys.indexOf(verdict.key);
        if (known === -1) known = this.productKeys.push(verdict.key) - 1;
      } else known = -1 - SellOutAggregator.OUTCOMES.indexOf(verdict.outcome);
      this.skuIds[skuId] = known;
    }
    return known;
  }

  /**
   * Adds one unquoted line of `sellout.csv` given as bytes `[start, end)`, keyed by integer ids.
   * Returns undefined, counting nothing, for any line it cannot take exactly as `add` would
   * (bad values, per-line facts, huge numbers): the caller passes that line to `add`.
   */
  addCsvLine(bytes: Uint8Array, start: number, end: number): LineOutcome | undefined {
    const layout = this.layout;
    const spec = this.spec;
    if (layout === undefined || spec.perLine) return undefined;
    const starts = this.fieldStarts;
    const ends = this.fieldEnds;
    if (!splitFields(bytes, start, end, layout.fieldCount, starts, ends)) return undefined;
    const p = layout.positions;
    const lineId = p[1]!;
    const reseller = p[3]!;
    const sku = p[5]!;
    const currency = p[8]!;
    if (starts[lineId] === ends[lineId] || starts[reseller] === ends[reseller] || starts[sku] === ends[sku]) {
      return undefined;
    }
    const currencyStart = starts[currency]!;
    if (ends[currency]! - currencyStart !== 3) return undefined;
    for (let i = currencyStart; i < currencyStart + 3; i++) if (bytes[i]! < 65 || bytes[i]! > 90) return undefined;
    const dateClass = this.dateClass(bytes, starts[p[2]!]!, ends[p[2]!]!);
    if (dateClass === undefined) return undefined;
    const quantity = parseSafeInteger(bytes, starts[p[6]!]!, ends[p[6]!]!);
    if (quantity === undefined) return undefined;
    const amount = parseScaledDecimal(bytes, starts[p[7]!]!, ends[p[7]!]!, spec.revenue ? AMOUNT_SCALE : -1);
    if (amount === undefined || (spec.revenue && Number.isNaN(amount))) return undefined;
    if (dateClass === null) {
      this.outcomes.outside_program++;
      return 'outside_program';
    }
    const product = this.productOf(this.interner.id(bytes, starts[sku]!, ends[sku]!));
    if (product < 0) {
      const outcome = SellOutAggregator.OUTCOMES[-1 - product]!;
      this.outcomes[outcome]++;
      return outcome;
    }
    const interner = this.interner;
    const table = this.table;
    const index = table.index(
      dateClass.id,
      interner.id(bytes, starts[reseller]!, ends[reseller]!),
      spec.byRep ? interner.id(bytes, starts[p[4]!]!, ends[p[4]!]!) : -1,
      spec.byDistributor ? interner.id(bytes, starts[p[0]!]!, ends[p[0]!]!) : -1,
      product,
      spec.revenue ? interner.id(bytes, currencyStart, currencyStart + 3) : -1,
    );
    addExact(table.units, table.unitsOverflow, index, quantity);
    if (spec.revenue) addExact(table.revenue, table.revenueOverflow, index, amount);
    table.lines[index]!++;
    this.outcomes.counted++;
    return 'counted';
  }

  /** The grouping key `add` would give the fact at `index` of the byte path's table. */
  private tableKey(index: number): string {
    const table = this.table;
    const values = this.interner.values;
    const parts = this.keyParts;
    const base = index * FACT_KEY_WIDTH;
    const dateClass = this.dateClassList[table.keys[base]!]!;
    const rep = table.keys[base + 2]!;
    const distributor = table.keys[base + 3]!;
    const currency = table.keys[base + 5]!;
    parts[0] = dateClass.periodStart;
    parts[1] = values[table.keys[base + 1]!]!;
    parts[2] = rep === -1 ? '' : values[rep]!;
    parts[3] = distributor === -1 ? '' : values[distributor]!;
    parts[4] = this.productKeys[table.keys[base + 4]!] ?? '';
    parts[5] = dateClass.month;
    parts[6] = currency === -1 ? '' : values[currency]!;
    parts[7] = dateClass.promotions;
    parts[8] = '';
    parts[9] = '';
    return parts.join(SEPARATOR);
  }

  /** The fact at `index` of the byte path's table, plus the sums `add` gave the same key. */
  private tableFact(index: number, extra: Accumulator | undefined): SellOutFact {
    const spec = this.spec;
    const table = this.table;
    const values = this.interner.values;
    const base = index * FACT_KEY_WIDTH;
    const dateClass = this.dateClassList[table.keys[base]!]!;
    const rep = table.keys[base + 2]!;
    const units = exactTotal(table.units, table.unitsOverflow, index) + (extra?.units ?? 0n);
    const revenue = exactTotal(table.revenue, table.revenueOverflow, index) + (extra?.revenue ?? 0n);
    return {
      periodStart: dateClass.periodStart,
      resellerId: values[table.keys[base + 1]!]!,
      repId: rep === -1 || values[rep] === '' ? null : values[rep]!,
      distributorId: spec.byDistributor ? values[table.keys[base + 3]!]! : null,
      product: spec.productLevel === 'none' ? null : (this.productKeys[table.keys[base + 4]!] ?? ''),
      invoiceMonth: spec.revenue ? dateClass.month : null,
      currency: spec.revenue ? values[table.keys[base + 5]!]! : null,
      promotionIds: dateClass.promotions === '' ? [] : dateClass.promotions.split(','),
      invoiceDate: null,
      lineId: null,
      units: units.toString(),
      revenue: spec.revenue ? formatScaled(revenue) : null,
      lines: table.lines[index]! + (extra?.lines ?? 0),
    };
  }

  /** The facts so far, in a stable order (by their grouping key). */
  facts(): SellOutFact[] {
    // Byte-path facts sort by the key `add` would give them and merge with its sums for that key.
    const entries: { key: string; index: number }[] = [];
    for (let index = 0; index < this.table.size; index++) entries.push({ key: this.tableKey(index), index });
    const tableKeys = new Set(this.accumulators.size > 0 ? entries.map((entry) => entry.key) : []);
    for (const key of this.accumulators.keys()) if (!tableKeys.has(key)) entries.push({ key, index: -1 });
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return entries.map(({ key, index }) =>
      index === -1 ? this.stringFact(key) : this.tableFact(index, this.accumulators.get(key)),
    );
  }

  /** A fact summed by `add`, its dimensions read back from its key. */
  private stringFact(key: string): SellOutFact {
    const spec = this.spec;
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
  }
}
