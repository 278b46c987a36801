import {
  aggregateSpec,
  Decimal,
  formatAmount,
  type MasterData,
  type Period,
  type PricingResult,
  type Program,
  periodsOf,
  price,
  scheduleOf,
} from '@spur/engine';
import type { Queryable } from '../db/connection-types.ts';
import { ApiError } from '../http/errors.ts';
import { loadMasterData } from '../runs/master-data.ts';
import { aggregateInSql } from '../runs/sql-aggregate.ts';

export interface DimensionTotal {
  key: string;
  amount: string;
  earners: number;
}

export interface SimulatedPeriod {
  label: string;
  start: string;
  end: string;
  /** What the rules earn before the budget limits them. */
  uncapped: string;
  /** What would have been paid: the engine's result with the budget policy applied. */
  amount: string;
  earners: number;
  budget: string | null;
  over_budget: boolean;
}

export interface Simulation {
  program_id: string;
  unit: string;
  from: string;
  to: string;
  lines: number;
  total: string;
  uncapped_total: string;
  budget_total: string | null;
  periods: SimulatedPeriod[];
  by_country: DimensionTotal[];
  by_cluster: DimensionTotal[];
  by_partner_type: DimensionTotal[];
}

/** The first day of the month `months - 1` months before the month of `date`. */
function windowStart(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - (months - 1);
  const index = year * 12 + (month - 1);
  const startYear = Math.floor(index / 12);
  const startMonth = (index % 12) + 1;
  return `${String(startYear).padStart(4, '0')}-${String(startMonth).padStart(2, '0')}-01`;
}

class Totals {
  private readonly amounts = new Map<string, Decimal>();
  private readonly earners = new Map<string, Set<string>>();
  add(key: string, participant: string, amount: Decimal): void {
    this.amounts.set(key, (this.amounts.get(key) ?? Decimal.ZERO).plus(amount));
    const set = this.earners.get(key) ?? new Set<string>();
    set.add(participant);
    this.earners.set(key, set);
  }
  list(unit: string): DimensionTotal[] {
    return [...this.amounts.entries()]
      .map(([key, amount]) => ({ key, amount: formatAmount(amount, unit), earners: this.earners.get(key)?.size ?? 0 }))
      .sort((a, b) => Decimal.parse(b.amount).compare(Decimal.parse(a.amount)) || a.key.localeCompare(b.key));
  }
}

function withoutBudget(program: Program): Program {
  const { budget: _, ...rest } = program;
  return rest as Program;
}

/**
 * The cost a program would have had on the last `months` months of stored sell-out: its periods
 * laid over that window, aggregated in SQL and priced by the engine as a run would, booking nothing.
 */
export async function simulateOnStoredSellOut(q: Queryable, program: Program, months: number): Promise<Simulation> {
  const { rows } = await q.query<{ latest: string | null }>(
    'select max(invoice_date)::text as latest from sellout_lines',
  );
  const latest = rows[0]?.latest ?? null;
  if (latest === null) {
    throw new ApiError(
      409,
      'no_sellout',
      'there is no stored sell-out to simulate on; import distributor reports first',
    );
  }
  const from = windowStart(latest, months);
  const laidOver: Program = { ...program, start: from, end: latest };
  const masterData = await loadMasterData(q, [program.id], { users: true });
  const spec = aggregateSpec(laidOver);
  const periods = periodsOf(scheduleOf(laidOver), latest);
  const simulated: SimulatedPeriod[] = [];
  const byCountry = new Totals();
  const byCluster = new Totals();
  const byPartnerType = new Totals();
  let total = Decimal.ZERO;
  let uncappedTotal = Decimal.ZERO;
  let lines = 0;
  for (const period of periods) {
    const facts = await aggregateInSql(q, spec, period);
    lines += facts.reduce((sum, fact) => sum + fact.lines, 0);
    const result = price(laidOver, period, facts, masterData);
    const uncapped = laidOver.budget ? price(withoutBudget(laidOver), period, facts, masterData) : result;
    addToDimensions(result, masterData, byCountry, byCluster, byPartnerType);
    total = total.plus(Decimal.parse(result.totals.amount));
    uncappedTotal = uncappedTotal.plus(Decimal.parse(uncapped.totals.amount));
    simulated.push(periodOf(period, result, uncapped, laidOver));
  }
  const budget = program.budget && program.budget.policy !== 'none' ? Decimal.parse(program.budget.amount) : null;
  return {
    program_id: program.id,
    unit: program.unit,
    from,
    to: latest,
    lines,
    total: formatAmount(total, program.unit),
    uncapped_total: formatAmount(uncappedTotal, program.unit),
    budget_total:
      budget === null ? null : formatAmount(budget.times(Decimal.fromBigInt(BigInt(periods.length))), program.unit),
    periods: simulated,
    by_country: byCountry.list(program.unit),
    by_cluster: byCluster.list(program.unit),
    by_partner_type: byPartnerType.list(program.unit),
  };
}

function periodOf(period: Period, result: PricingResult, uncapped: PricingResult, program: Program): SimulatedPeriod {
  const budget = program.budget && program.budget.policy !== 'none' ? Decimal.parse(program.budget.amount) : null;
  return {
    label: period.label,
    start: period.start,
    end: period.end,
    uncapped: uncapped.totals.amount,
    amount: result.totals.amount,
    earners: result.totals.earners,
    budget: budget === null ? null : formatAmount(budget, program.unit),
    over_budget: budget !== null && Decimal.parse(uncapped.totals.amount).gt(budget),
  };
}

/** Each earning counts for its partner's country, every cluster of that country and the partner type. */
function addToDimensions(
  result: PricingResult,
  masterData: MasterData,
  byCountry: Totals,
  byCluster: Totals,
  byPartnerType: Totals,
): void {
  const partners = new Map(masterData.partners.map((partner) => [partner.id, partner]));
  const userPartner = new Map(masterData.users.map((user) => [user.id, user.partnerId]));
  for (const earning of result.earnings) {
    const amount = Decimal.parse(earning.amount);
    const partnerId =
      earning.participantType === 'partner' ? earning.participantId : userPartner.get(earning.participantId);
    const partner = partnerId ? partners.get(partnerId) : undefined;
    const who = `${earning.participantType}:${earning.participantId}`;
    const country = partner?.country ?? 'unknown';
    byCountry.add(country, who, amount);
    for (const cluster of masterData.countryClusters[country] ?? []) byCluster.add(cluster, who, amount);
    byPartnerType.add(partner?.type ?? 'unknown', who, amount);
  }
}
