import { aggregateSpec, type SellOutFact } from './aggregates.ts';
import { Decimal } from './decimal.ts';
import type { MasterData } from './master-data.ts';
import { formatAmount } from './money.ts';
import type { Period } from './periods.ts';
import { type Earning, price, revenueCurrencyOf } from './price.ts';
import type { Program } from './program-schema.ts';

/**
 * "What can I still earn": prices the participant's facts as they are, with one more unit of each
 * product, with one more unit of revenue currency, and with just enough more to reach each goal
 * gate not yet reached. Everything is priced by `price`, so the answers are exact and follow
 * every rule (gates, tiers, promotions, caps, budgets) the real run applies.
 */
export interface WhatIfParticipant {
  type: 'partner' | 'user';
  id: string;
}

export interface NextUnitValue {
  /** SKU, family or category at the program's product level; null when the program has none. */
  product: string | null;
  /** What one more unit adds to the earning, in the program unit (may be zero). */
  gain: string;
}

export interface GateProgress {
  kind: 'min_attainment' | 'max_attainment' | 'accelerator' | 'target_bonus';
  /** Attainment in percent of the goal at which the gate opens. */
  percent: string;
  /** The measure at the gate (goal × percent / 100). */
  measureAtGate: string;
  /** How much more measure it takes: whole units for a units goal, currency for revenue. */
  missing: string;
  /** The earning once the missing measure is sold, and what that adds. */
  earningAtGate: string;
  gain: string;
  /** The product the extra units were priced with: the one the participant sold most. */
  product: string | null;
}

export interface WhatIf {
  participantType: 'partner' | 'user';
  participantId: string;
  unit: string;
  earning: string;
  metric: 'units' | 'revenue';
  measure: string;
  /** Whether the program has goal gates at all (then no goal means no bonus). */
  usesGoal: boolean;
  goal: string | null;
  attainmentPercent: string | null;
  nextUnit: NextUnitValue[];
  /** What one more unit of revenue currency adds, when the program counts revenue. */
  nextCurrencyUnit: { currency: string; gain: string } | null;
  /** Gates above the current attainment, nearest first. */
  gates: GateProgress[];
}

const MAX_PRODUCTS = 20;

function earningOf(earnings: readonly Earning[], who: WhatIfParticipant): Earning | undefined {
  return earnings.find((e) => e.participantType === who.type && e.participantId === who.id);
}

function amountOf(
  program: Program,
  period: Period,
  facts: readonly SellOutFact[],
  master: MasterData,
  who: WhatIfParticipant,
) {
  const earning = earningOf(price(program, period, facts, master).earnings, who);
  return earning === undefined ? Decimal.ZERO : Decimal.parse(earning.amount);
}

/** The measure of the participant's own facts (units or revenue in the program currency, from the explanation). */
function measureOf(earning: Earning | undefined): Decimal | undefined {
  const step = earning?.explanation.steps.find((s) => s.step === 'measure');
  return step?.step === 'measure' ? Decimal.parse(step.value) : undefined;
}

/** The fact a further sale of this participant would add to: same reseller, rep and distributor. */
function saleTemplate(
  program: Program,
  period: Period,
  facts: readonly SellOutFact[],
  master: MasterData,
  who: WhatIfParticipant,
): SellOutFact | undefined {
  const spec = aggregateSpec(program);
  const own =
    facts.find((f) => (who.type === 'user' ? f.repId === who.id : f.resellerId === who.id && f.repId === null)) ??
    facts.find((f) => (who.type === 'user' ? f.repId === who.id : f.resellerId === who.id));
  const resellerId =
    own?.resellerId ?? (who.type === 'partner' ? who.id : master.users.find((u) => u.id === who.id)?.partnerId);
  if (resellerId === undefined || resellerId === null) return undefined;
  const reseller = master.partners.find((p) => p.id === resellerId);
  return {
    periodStart: period.start,
    resellerId,
    repId: spec.byRep && who.type === 'user' ? who.id : null,
    distributorId: spec.byDistributor ? (own?.distributorId ?? reseller?.distributorId ?? null) : null,
    product: null,
    invoiceMonth: spec.revenue ? period.start.slice(0, 7) : null,
    currency: spec.revenue ? revenueCurrencyOf(program) : null,
    promotionIds: [],
    invoiceDate: spec.perLine ? period.end : null,
    lineId: spec.perLine ? 'what-if' : null,
    units: '0',
    revenue: spec.revenue ? '0' : null,
    lines: 1,
  };
}

/** Products worth asking about: those the participant sold and those a per-unit table names at the program's level. */
function candidateProducts(program: Program, facts: readonly SellOutFact[], template: SellOutFact): (string | null)[] {
  const level = aggregateSpec(program).productLevel;
  if (level === 'none') return [null];
  const products = new Set<string>();
  for (const fact of facts) {
    if (fact.resellerId === template.resellerId && fact.repId === template.repId && fact.product !== null) {
      products.add(fact.product);
    }
  }
  for (const rule of program.rewards) {
    if (rule.type === 'per_unit' && rule.by === level) for (const key of Object.keys(rule.amounts)) products.add(key);
  }
  for (const key of program.measure.products?.[
    level === 'sku' ? 'skus' : level === 'family' ? 'families' : 'categories'
  ] ?? []) {
    products.add(key);
  }
  return [...products].sort().slice(0, MAX_PRODUCTS);
}

function withExtra(
  facts: readonly SellOutFact[],
  template: SellOutFact,
  product: string | null,
  units: Decimal,
  revenue: Decimal,
): SellOutFact[] {
  return [
    ...facts,
    {
      ...template,
      product,
      units: units.toString(),
      revenue: template.revenue === null ? null : revenue.toString(),
    },
  ];
}

function ceilWhole(value: Decimal): Decimal {
  const down = value.round(0, 'down');
  return down.lt(value) ? down.plus(Decimal.ONE) : down;
}

interface GateSpec {
  kind: GateProgress['kind'];
  percent: string;
}

function gatesOf(program: Program): GateSpec[] {
  const gates: GateSpec[] = [];
  const goal = program.goal;
  if (goal?.min_attainment !== undefined) gates.push({ kind: 'min_attainment', percent: goal.min_attainment });
  for (const band of goal?.accelerators ?? []) gates.push({ kind: 'accelerator', percent: band.from_attainment });
  for (const rule of program.rewards) {
    if (rule.type === 'target_bonus' && rule.attainment_at_least !== undefined) {
      gates.push({ kind: 'target_bonus', percent: rule.attainment_at_least });
    }
  }
  if (goal?.max_attainment !== undefined) gates.push({ kind: 'max_attainment', percent: goal.max_attainment });
  return gates.sort((a, b) => Decimal.parse(a.percent).compare(Decimal.parse(b.percent)));
}

/**
 * What the participant earns now, what its next sale would add and what each gate above its
 * attainment is worth. `facts` must hold at least the participant's own facts of `period`
 * (all facts of the period when budgets or shares depend on others).
 */
export function whatIf(
  program: Program,
  period: Period,
  facts: readonly SellOutFact[],
  master: MasterData,
  who: WhatIfParticipant,
): WhatIf {
  const money = (amount: Decimal) => formatAmount(amount, program.unit);
  const current = earningOf(price(program, period, facts, master).earnings, who);
  const earning = current === undefined ? Decimal.ZERO : Decimal.parse(current.amount);
  const measure = measureOf(current) ?? Decimal.ZERO;
  const metric = program.measure.metric;
  const goalRow = master.goals.find(
    (g) => g.programId === program.id && g.participantId === who.id && g.periodStart === period.start,
  );
  const goal = program.goal !== undefined && goalRow !== undefined ? Decimal.parse(goalRow.target) : undefined;
  const attainment = goal?.isPositive() ? measure.times(Decimal.HUNDRED).dividedBy(goal) : undefined;
  const result: WhatIf = {
    participantType: who.type,
    participantId: who.id,
    unit: program.unit,
    earning: money(earning),
    metric,
    measure: measure.toString(),
    usesGoal: program.goal !== undefined,
    goal: goal?.toString() ?? null,
    attainmentPercent: attainment?.round(2, 'down').toString() ?? null,
    nextUnit: [],
    nextCurrencyUnit: null,
    gates: [],
  };
  const template = saleTemplate(program, period, facts, master, who);
  if (template === undefined) return result;

  const candidates = candidateProducts(program, facts, template);
  const best = mostSold(facts, template, candidates);
  for (const product of candidates) {
    const after = amountOf(
      program,
      period,
      withExtra(facts, template, product, Decimal.ONE, Decimal.ZERO),
      master,
      who,
    );
    result.nextUnit.push({ product, gain: money(after.minus(earning)) });
  }
  if (template.revenue !== null && template.currency !== null) {
    const after = amountOf(program, period, withExtra(facts, template, best, Decimal.ZERO, Decimal.ONE), master, who);
    result.nextCurrencyUnit = { currency: template.currency, gain: money(after.minus(earning)) };
  }
  if (goal === undefined || attainment === undefined) return result;
  for (const gate of gatesOf(program)) {
    const percent = Decimal.parse(gate.percent);
    if (attainment.gte(percent)) continue;
    const measureAtGate = goal.times(percent).dividedBy(Decimal.HUNDRED);
    const missingExact = measureAtGate.minus(measure);
    const missing = metric === 'units' ? ceilWhole(missingExact) : missingExact;
    const extraUnits = metric === 'units' ? missing : Decimal.ZERO;
    const extraRevenue = metric === 'revenue' ? missing : Decimal.ZERO;
    const atGate = amountOf(program, period, withExtra(facts, template, best, extraUnits, extraRevenue), master, who);
    result.gates.push({
      kind: gate.kind,
      percent: gate.percent,
      measureAtGate: measureAtGate.toString(),
      missing: missing.toString(),
      earningAtGate: money(atGate),
      gain: money(atGate.minus(earning)),
      product: best,
    });
  }
  return result;
}

/** The product the participant sold most units of ("keep selling what you sell"); else the first candidate. */
function mostSold(
  facts: readonly SellOutFact[],
  template: SellOutFact,
  candidates: readonly (string | null)[],
): string | null {
  const units = new Map<string | null, Decimal>();
  for (const fact of facts) {
    if (fact.resellerId !== template.resellerId || fact.repId !== template.repId) continue;
    units.set(fact.product, (units.get(fact.product) ?? Decimal.ZERO).plus(Decimal.parse(fact.units)));
  }
  let best: string | null = candidates[0] ?? null;
  let bestUnits = Decimal.ZERO;
  for (const candidate of candidates) {
    const sold = units.get(candidate) ?? Decimal.ZERO;
    if (sold.gt(bestUnits)) {
      best = candidate;
      bestUnits = sold;
    }
  }
  return best;
}
