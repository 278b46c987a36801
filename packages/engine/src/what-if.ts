import { aggregateSpec, type SellOutFact } from './aggregates.ts';
import { Decimal } from './decimal.ts';
import type { MasterData } from './master-data.ts';
import { formatAmount, roundEarning } from './money.ts';
import type { Period } from './periods.ts';
import { claimBeforeBudget, type Earning, price, revenueCurrencyOf } from './price.ts';
import type { Program } from './program-schema.ts';
import { applyProRata, claimFirstCome } from './rules/budget.ts';

/**
 * "What can I still earn": prices the participant's facts as they are, with one more unit of each
 * product, with one more unit of revenue currency, and with just enough more to reach each goal
 * gate not yet reached. Everything is priced by `price`, so the answers are exact and follow
 * every rule (gates, tiers, promotions, caps, budgets) the real run applies. A budget shared with
 * the other participants of the period is estimated from a `SharedBudget` (their claims or grants
 * in the period's last run): the participant's own claim is then priced against what they leave.
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

/**
 * Everyone else in the program period, from the period's last calculation run, for a program with
 * a shared budget. Only sums: no other participant's own figures.
 */
export type SharedBudget =
  | {
      policy: 'pro_rata';
      /** Sum of the other participants' positive pre-budget claims in the last run. */
      othersClaimed: string;
    }
  | {
      policy: 'first_come';
      /** What was left of the budget after everyone's grants in the last run. */
      remaining: string;
      /** The participant's own pre-budget claim and granted amount in that run ("0" when it had none). */
      claimed: string;
      granted: string;
    };

/** The shared budget the figures were estimated under. */
export type WhatIfBudget =
  | {
      policy: 'pro_rata';
      /** The budget factor paid on the earning now (budget / all claims, at most 1; 6 decimals, rounded down). */
      factor: string;
    }
  | {
      policy: 'first_come';
      /** What is left of the budget after the earning now, in the program unit (rounded down). */
      remaining: string;
    };

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
  /** Set when the figures are estimated under a budget shared with the other participants. */
  budget: WhatIfBudget | null;
}

const MAX_PRODUCTS = 20;

function earningOf(earnings: readonly Earning[], who: WhatIfParticipant): Earning | undefined {
  return earnings.find((e) => e.participantType === who.type && e.participantId === who.id);
}

interface Estimate {
  amount: Decimal;
  budget: WhatIfBudget | null;
}

/**
 * Prices the participant's earning from `facts`: as `price` does when there is no shared budget;
 * with one, its own pre-budget claim against what the others leave, rounded as `price` rounds.
 */
function estimator(
  program: Program,
  period: Period,
  master: MasterData,
  who: WhatIfParticipant,
  shared: SharedBudget | undefined,
): (facts: readonly SellOutFact[]) => Estimate {
  const budget = program.budget;
  if (shared === undefined || budget === undefined || budget.policy !== shared.policy) {
    return (facts) => {
      const earning = earningOf(price(program, period, facts, master).earnings, who);
      return { amount: earning === undefined ? Decimal.ZERO : Decimal.parse(earning.amount), budget: null };
    };
  }
  const limit = Decimal.parse(budget.amount);
  if (shared.policy === 'pro_rata') {
    const others = Decimal.parse(shared.othersClaimed);
    return (facts) => {
      const own = claimBeforeBudget(program, period, facts, master, who);
      // The others as one claimant: the same factor budget / (others + own) as the run gives everyone.
      const result = applyProRata(
        new Map([
          ['others', others],
          ['own', own],
        ]),
        limit,
      );
      const amount = result.amounts.get('own') ?? own;
      return {
        amount: roundEarning(amount, program.unit, result.factor === null ? 'half_away_from_zero' : 'down'),
        budget: { policy: 'pro_rata', factor: (result.factor ?? Decimal.ONE).round(6, 'down').toString() },
      };
    };
  }
  const remaining = Decimal.parse(shared.remaining);
  const claimed = Decimal.parse(shared.claimed);
  const granted = Decimal.parse(shared.granted);
  return (facts) => {
    const own = claimBeforeBudget(program, period, facts, master, who);
    // What the participant claims beyond the last run comes after every line counted: only the remainder is granted.
    const claim = claimFirstCome(claimed, granted, own, remaining);
    const mode = claim.cut || claim.granted.lt(own) ? 'down' : 'half_away_from_zero';
    return {
      amount: roundEarning(claim.granted, program.unit, mode),
      budget: {
        policy: 'first_come',
        remaining: formatAmount(roundEarning(claim.remaining, program.unit, 'down'), program.unit),
      },
    };
  };
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
 * (all facts of the period when shares depend on others). With `shared` (a program whose budget
 * is shared, after a run of the period), every figure is the estimate after the budget.
 */
export function whatIf(
  program: Program,
  period: Period,
  facts: readonly SellOutFact[],
  master: MasterData,
  who: WhatIfParticipant,
  shared?: SharedBudget,
): WhatIf {
  const money = (amount: Decimal) => formatAmount(amount, program.unit);
  const estimate = estimator(program, period, master, who, shared);
  const amountOf = (extended: readonly SellOutFact[]) => estimate(extended).amount;
  const current = earningOf(price(program, period, facts, master).earnings, who);
  const now = estimate(facts);
  const earning = now.amount;
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
    budget: now.budget,
  };
  const template = saleTemplate(program, period, facts, master, who);
  if (template === undefined) return result;

  const candidates = candidateProducts(program, facts, template);
  const best = mostSold(facts, template, candidates);
  for (const product of candidates) {
    const after = amountOf(withExtra(facts, template, product, Decimal.ONE, Decimal.ZERO));
    result.nextUnit.push({ product, gain: money(after.minus(earning)) });
  }
  if (template.revenue !== null && template.currency !== null) {
    const after = amountOf(withExtra(facts, template, best, Decimal.ZERO, Decimal.ONE));
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
    const atGate = amountOf(withExtra(facts, template, best, extraUnits, extraRevenue));
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
