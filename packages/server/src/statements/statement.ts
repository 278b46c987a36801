import { aggregateSpec, type Explanation, type Period } from '@spur/engine';
import { type RawBuilder, sql } from 'kysely';
import type { SpurDb } from '../db/connection.ts';
import { notFound } from '../http/errors.ts';
import { type ListRequest, listPage, type Page, whereBetween, whereEquals } from '../http/list.ts';
import { countedRange } from '../runs/sql-aggregate.ts';
import { programForPeriod } from './program-for-period.ts';
import type { Subject } from './subject.ts';

/** One earning of the statement: what a program period pays the participant. */
export interface StatementEarning {
  program_id: string;
  program_name: string;
  period_start: string;
  period_end: string | null;
  label: string;
  status: 'provisional' | 'final';
  unit: string;
  amount: string;
  payout_due: string | null;
  /** How many ledger postings made this amount (1 = no later adjustment). */
  postings: number;
  /** The sum of negative postings: returns and corrections taken back (zero or negative). */
  clawed_back: string;
}

/** One ledger posting of an earning: the first, each later difference, or one after the period was final. */
export interface EarningPosting {
  seq: number;
  kind: 'earning' | 'adjustment' | 'late_adjustment';
  /** A negative difference is a clawback. */
  delta: string;
  amount_after: string;
  posted_period: string;
  run_id: string;
  posted_at: string;
}

export interface EarningDetail {
  earning: StatementEarning;
  explanation: Explanation;
  postings: EarningPosting[];
}

/** One sell-out line behind an earning. */
export interface StatementLine {
  distributor_id: string;
  line_id: string;
  invoice_date: string;
  reseller_id: string;
  rep_id: string | null;
  sku: string;
  quantity: number;
  net_amount: string;
  currency: string;
}

function earningsSource(subject: Subject): RawBuilder<unknown> {
  return sql`select e.program_id, pr.name as program_name, e.period_start::text as period_start,
      pp.period_end::text as period_end, coalesce(pp.label, e.period_start::text) as label,
      case when pp.status = 'final' then 'final' else 'provisional' end as status,
      e.unit, e.amount::text as amount, e.payout_due::text as payout_due,
      (select count(*)::integer from earning_postings ep where ep.program_id = e.program_id
        and ep.period_start = e.period_start and ep.participant_type = e.participant_type
        and ep.participant_id = e.participant_id) as postings,
      coalesce((select sum(ep.delta) from earning_postings ep where ep.program_id = e.program_id
        and ep.period_start = e.period_start and ep.participant_type = e.participant_type
        and ep.participant_id = e.participant_id and ep.delta < 0), 0)::text as clawed_back,
      e.program_id || '|' || e.period_start::text as earning_key
    from earnings e
    join programs pr on pr.program_id = e.program_id
    left join program_periods pp on pp.program_id = e.program_id and pp.period_start = e.period_start
    where e.participant_id = ${subject.id} and e.participant_type = ${subject.type}`;
}

export interface EarningFilters {
  program_id?: string | undefined;
  period_from?: string | undefined;
  period_to?: string | undefined;
}

/** The participant's earnings, paged and newest first by default; read through the participant index. */
export async function listStatement(
  db: SpurDb,
  subject: Subject,
  request: ListRequest,
  filters: EarningFilters,
): Promise<Page<StatementEarning>> {
  const page = await listPage<StatementEarning & { earning_key: string }>(
    db.kysely,
    earningsSource(subject),
    'earning_key',
    request,
    [
      whereEquals('program_id', filters.program_id),
      whereBetween('period_start', filters.period_from, filters.period_to),
    ],
    db,
  );
  return { ...page, items: page.items.map(({ earning_key: _key, ...earning }) => earning) };
}

/** One earning with the explanation of its last run and every posting that made it. */
export async function earningDetail(
  db: SpurDb,
  subject: Subject,
  programId: string,
  periodStart: string,
): Promise<EarningDetail> {
  const { rows } = await sql<StatementEarning & { earning_key: string; explanation: Explanation }>`
    select r.*, e.explanation from (${earningsSource(subject)}) r
    join earnings e on e.program_id = r.program_id and e.period_start = r.period_start::date
      and e.participant_id = ${subject.id} and e.participant_type = ${subject.type}
    where r.program_id = ${programId} and r.period_start = ${periodStart}`.execute(db.kysely);
  const row = rows[0];
  if (!row) throw notFound(`earning ${programId}/${periodStart}`);
  const { earning_key: _key, explanation, ...earning } = row;
  const { rows: postings } = await db.query<EarningPosting>(
    `select seq, kind, delta::text as delta, amount_after::text as amount_after,
        posted_period_label as posted_period, run_id::text as run_id, created_at as posted_at
     from earning_postings
     where program_id = $1 and period_start = $2 and participant_type = $3 and participant_id = $4
     order by seq`,
    [programId, periodStart, subject.type, subject.id],
  );
  return {
    earning,
    explanation: typeof explanation === 'string' ? (JSON.parse(explanation) as Explanation) : explanation,
    postings: postings.map((p) => ({
      ...p,
      seq: Number(p.seq),
      posted_at: new Date(p.posted_at).toISOString(),
    })),
  };
}

/** The program's product filter as a condition on a line `l` (and its product `p`). */
function productCondition(program: ReturnType<typeof aggregateSpec>): RawBuilder<unknown> {
  const filter = program.products;
  if (filter === undefined) return sql`true`;
  const alternatives: RawBuilder<unknown>[] = [];
  if (filter.skus?.length) alternatives.push(sql`l.sku = any(${filter.skus}::text[])`);
  if (filter.families?.length) alternatives.push(sql`p.family = any(${filter.families}::text[])`);
  if (filter.categories?.length) alternatives.push(sql`p.category = any(${filter.categories}::text[])`);
  return alternatives.length === 0 ? sql`false` : sql`(${sql.join(alternatives, sql` or `)})`;
}

/**
 * The sell-out lines behind an earning: the lines of its period that the program counts and
 * that name the participant (the rep on the line; the reseller, or the reporting distributor
 * for shares). The period's lines are found by the invoice-date index.
 */
export async function earningLines(
  db: SpurDb,
  subject: Subject,
  programId: string,
  periodStart: string,
  request: ListRequest,
): Promise<Page<StatementLine>> {
  const { rows } = await db.query<{ period_end: string; label: string }>(
    `select pp.period_end::text as period_end, pp.label from earnings e
     join program_periods pp on pp.program_id = e.program_id and pp.period_start = e.period_start
     where e.program_id = $1 and e.period_start = $2 and e.participant_type = $3 and e.participant_id = $4`,
    [programId, periodStart, subject.type, subject.id],
  );
  const found = rows[0];
  if (!found) throw notFound(`earning ${programId}/${periodStart}`);
  const program = await programForPeriod(db, programId, periodStart);
  const spec = aggregateSpec(program);
  const period: Period = { start: periodStart, end: found.period_end, label: found.label };
  const { from, to } = countedRange(spec, period);
  const whose =
    subject.type === 'user'
      ? sql`l.rep_id = ${subject.id}`
      : sql`(l.reseller_id = ${subject.id} or l.distributor_id = ${subject.id})`;
  const source = sql`select l.distributor_id || '|' || l.line_id as line_key, l.distributor_id, l.line_id,
      l.invoice_date::text as invoice_date, l.reseller_id, l.rep_id, l.sku, l.quantity,
      l.net_amount::text as net_amount, l.currency::text as currency
    from sellout_lines l left join products p on p.sku = l.sku
    where l.invoice_date between ${from}::date and ${to}::date and ${whose} and ${productCondition(spec)}`;
  const page = await listPage<StatementLine & { line_key: string }>(db.kysely, source, 'line_key', request);
  return {
    ...page,
    items: page.items.map(({ line_key: _key, ...line }) => ({ ...line, quantity: Number(line.quantity) })),
  };
}
