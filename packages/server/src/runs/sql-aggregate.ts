import type { AggregateSpec, Period, PeriodKind, SellOutFact } from '@spur/engine';
import type { Queryable } from '../db/connection-types.ts';
import { plainDecimal } from './plain-decimal.ts';

export interface SqlAggregateQuery {
  text: string;
  params: unknown[];
}

/** The invoice dates of a period that belong to the program (a program may start or end inside one). */
export function countedRange(spec: AggregateSpec, period: Period): { from: string; to: string } {
  const from = spec.dateRange.from > period.start ? spec.dateRange.from : period.start;
  const to = spec.dateRange.to !== undefined && spec.dateRange.to < period.end ? spec.dateRange.to : period.end;
  return { from, to };
}

/**
 * The SQL that computes exactly the engine's `SellOutFact` rows of one period from
 * `sellout_lines`: same grouping, same product filter (by SKU, family or category through the
 * product master), same promotion windows, one row per line for `first_come` budgets.
 */
export function aggregateQuery(spec: AggregateSpec, period: Period, only?: LinesOf): SqlAggregateQuery {
  return buildQuery(spec, countedRange(spec, period), (param) => `${param(period.start)}::date`, only);
}

/** Narrows an aggregate to one participant's lines: the rep named on them, or their reseller. */
export interface LinesOf {
  column: 'rep_id' | 'reseller_id';
  id: string;
}

/** The SQL expression of the first day of the program period of `l.invoice_date`. */
function periodStartSql(kind: PeriodKind, programStart: string, param: (value: unknown) => string): string {
  switch (kind.type) {
    case 'month':
      return "date_trunc('month', l.invoice_date)::date";
    case 'quarter':
      return "date_trunc('quarter', l.invoice_date)::date";
    case 'week':
      return "date_trunc('week', l.invoice_date)::date";
    case 'days': {
      const start = `${param(programStart)}::date`;
      return `${start} + ((l.invoice_date - ${start}) / ${param(kind.days)}::integer) * ${param(kind.days)}::integer`;
    }
  }
}

/**
 * The facts of every period whose invoice dates lie in [from, to] in one scan: the same rows as
 * `aggregateQuery` per period, with the period start computed in SQL (for recalculating a year).
 */
export function aggregateRangeQuery(
  spec: AggregateSpec,
  kind: PeriodKind,
  range: { from: string; to: string },
): SqlAggregateQuery {
  const from = spec.dateRange.from > range.from ? spec.dateRange.from : range.from;
  const to = spec.dateRange.to !== undefined && spec.dateRange.to < range.to ? spec.dateRange.to : range.to;
  return buildQuery(spec, { from, to }, (param) => periodStartSql(kind, spec.dateRange.from, param));
}

function buildQuery(
  spec: AggregateSpec,
  range: { from: string; to: string },
  periodStart: (param: (value: unknown) => string) => string,
  only?: LinesOf,
): SqlAggregateQuery {
  const params: unknown[] = [range.from, range.to];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const periodExpression = periodStart(param);
  const level = spec.productLevel;
  const filter = spec.products;
  const filterNeedsMaster = (filter?.families?.length ?? 0) > 0 || (filter?.categories?.length ?? 0) > 0;
  // Family and category facts need the product; unknown SKUs then count nowhere, as in the engine.
  const join =
    level === 'family' || level === 'category'
      ? 'join products p on p.sku = l.sku'
      : filterNeedsMaster
        ? 'left join products p on p.sku = l.sku'
        : '';
  const product =
    level === 'none' ? 'null' : level === 'sku' ? 'l.sku' : level === 'family' ? 'p.family' : 'p.category';
  const conditions = ['l.invoice_date between $1::date and $2::date'];
  if (only !== undefined) conditions.push(`l.${only.column} = ${param(only.id)}`);
  if (filter !== undefined) {
    const alternatives: string[] = [];
    if (filter.skus?.length) alternatives.push(`l.sku = any(${param(filter.skus)}::text[])`);
    if (filter.families?.length) alternatives.push(`p.family = any(${param(filter.families)}::text[])`);
    if (filter.categories?.length) alternatives.push(`p.category = any(${param(filter.categories)}::text[])`);
    conditions.push(alternatives.length > 0 ? `(${alternatives.join(' or ')})` : 'false');
  }
  const windows = [...spec.promotionWindows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const promotions =
    windows.length === 0
      ? "''"
      : `concat_ws(',', ${windows
          .map(
            (w) =>
              `case when l.invoice_date between ${param(w.from)}::date and ${param(w.to)}::date then ${param(w.id)}::text end`,
          )
          .join(', ')})`;
  const text = `
    select (${periodExpression})::text as period_start, l.reseller_id,
      ${spec.byRep ? "nullif(l.rep_id, '')" : 'null::text'} as rep_id,
      ${spec.byDistributor ? 'l.distributor_id' : 'null::text'} as distributor_id,
      ${product} as product,
      ${spec.revenue ? "to_char(l.invoice_date, 'YYYY-MM')" : 'null::text'} as invoice_month,
      ${spec.revenue ? 'l.currency::text' : 'null::text'} as currency,
      ${promotions} as promotion_ids,
      ${spec.perLine ? 'l.invoice_date::text' : 'null::text'} as invoice_date,
      ${spec.perLine ? 'l.line_id' : 'null::text'} as line_id,
      sum(l.quantity)::text as units,
      ${spec.revenue ? 'sum(l.net_amount)::text' : 'null::text'} as revenue,
      count(*)::integer as lines
    from sellout_lines l ${join}
    where ${conditions.join(' and ')}
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
  return { text, params };
}

interface FactRow {
  period_start: string;
  reseller_id: string;
  rep_id: string | null;
  distributor_id: string | null;
  product: string | null;
  invoice_month: string | null;
  currency: string | null;
  promotion_ids: string;
  invoice_date: string | null;
  line_id: string | null;
  units: string;
  revenue: string | null;
  lines: number;
}

/**
 * Runs `aggregateQuery` and returns the facts of the period, as the engine's aggregator would;
 * with `only`, the facts of one participant's lines (what-if and statements).
 */
export async function aggregateInSql(
  q: Queryable,
  spec: AggregateSpec,
  period: Period,
  only?: LinesOf,
): Promise<SellOutFact[]> {
  return factsOf(q, aggregateQuery(spec, period, only));
}

/** Runs `aggregateRangeQuery`: the facts of every period of the range, each with its period start. */
export async function aggregateRangeInSql(
  q: Queryable,
  spec: AggregateSpec,
  kind: PeriodKind,
  range: { from: string; to: string },
): Promise<SellOutFact[]> {
  return factsOf(q, aggregateRangeQuery(spec, kind, range));
}

async function factsOf(q: Queryable, query: SqlAggregateQuery): Promise<SellOutFact[]> {
  const { rows } = await q.query<FactRow>(query.text, query.params);
  return rows.map((row) => ({
    periodStart: row.period_start,
    resellerId: row.reseller_id,
    repId: row.rep_id,
    distributorId: row.distributor_id,
    product: row.product,
    invoiceMonth: row.invoice_month,
    currency: row.currency,
    promotionIds: row.promotion_ids === '' ? [] : row.promotion_ids.split(','),
    invoiceDate: row.invoice_date,
    lineId: row.line_id,
    units: row.units,
    revenue: row.revenue === null ? null : plainDecimal(row.revenue),
    lines: Number(row.lines),
  }));
}
