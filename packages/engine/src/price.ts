import { aggregateSpec, rewardProducts, type SellOutFact } from './aggregates.ts';
import { addDays } from './dates.ts';
import { Decimal } from './decimal.ts';
import { EngineError } from './errors.ts';
import type { Explanation, ExplanationStep } from './explanation.ts';
import { goalKey, indexMasterData, type MasterData, type MasterIndex, type Product } from './master-data.ts';
import { FxTable, formatAmount, isCashUnit, minorUnits, roundEarning } from './money.ts';
import type { Period } from './periods.ts';
import { type ProductLevel, productMatches } from './products.ts';
import type { Program } from './program-schema.ts';
import { applyFirstCome, applyProRata, type FirstComeUpdate } from './rules/budget.ts';
import { applyParticipantCap } from './rules/cap.ts';
import { earnerOfLine, partnerEligibility } from './rules/eligibility.ts';
import { applyGoalGate } from './rules/goal-gate.ts';
import { perUnitRate } from './rules/per-unit.ts';
import { percentOfRevenue } from './rules/percent-of-revenue.ts';
import { promotionFor } from './rules/promotions.ts';
import { allocateShares } from './rules/shares.ts';
import { priceTargetBonus } from './rules/target-bonus.ts';
import { priceTiers } from './rules/tiers.ts';

export interface Earning {
  participantType: 'partner' | 'user';
  participantId: string;
  periodStart: string;
  periodEnd: string;
  /** Rounded, as a decimal string with the unit's decimals. */
  amount: string;
  unit: string;
  payoutDue: string | null;
  explanation: Explanation;
}

export interface PricingResult {
  programId: string;
  period: Period;
  unit: string;
  earnings: Earning[];
  totals: {
    amount: string;
    /** Participants whose rounded earning is not zero (a clawback counts; a zero does not). */
    earners: number;
    budget: string | null;
    /** Lines whose reseller is unknown or not eligible: they earn nothing. */
    ineligibleLines: number;
  };
}

/** A fact with what pricing needs resolved once. */
interface PricedFact {
  fact: SellOutFact;
  product: Product | undefined;
  units: Decimal;
  /** Net revenue converted to the program's revenue currency; zero when revenue is not used. */
  revenue: Decimal;
  fxRate: Decimal | null;
}

interface Context {
  program: Program;
  period: Period;
  index: MasterIndex;
  level: ProductLevel;
  fx: FxTable;
  revenueCurrency: string;
}

/** What one participant earns before the budget: the amount, its steps, and shares it gives. */
interface ParticipantResult {
  amount: Decimal;
  steps: ExplanationStep[];
  shares: { distributorId: string; percent: string; weight: Decimal; amount: Decimal }[];
}

function participantKey(type: 'partner' | 'user', id: string): string {
  return `${type}:${id}`;
}

function addTo<K>(map: Map<K, Decimal>, key: K, value: Decimal): void {
  map.set(key, (map.get(key) ?? Decimal.ZERO).plus(value));
}

/** The currency revenue is measured in: the cash unit, or `revenue_currency` (default EUR). */
export function revenueCurrencyOf(program: Program): string {
  return program.revenue_currency ?? (isCashUnit(program.unit) ? program.unit : 'EUR');
}

function pricedFact(context: Context, fact: SellOutFact): PricedFact {
  const product =
    context.level === 'sku' && fact.product !== null ? context.index.products.get(fact.product) : undefined;
  let revenue = Decimal.ZERO;
  let fxRate: Decimal | null = null;
  if (fact.revenue !== null && fact.currency !== null && fact.invoiceMonth !== null) {
    const converted = context.fx.convert(
      Decimal.parse(fact.revenue),
      fact.invoiceMonth,
      fact.currency,
      context.revenueCurrency,
    );
    revenue = converted.converted;
    fxRate = converted.rate;
  }
  return { fact, product, units: Decimal.fromBigInt(BigInt(fact.units)), revenue, fxRate };
}

function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Steps 1–6 of the fixed order for one participant: measure → rewards → promotions → gate → cap → shares. */
function priceParticipant(
  context: Context,
  type: 'partner' | 'user',
  id: string,
  facts: readonly PricedFact[],
): ParticipantResult {
  const { program, level } = context;
  const steps: ExplanationStep[] = [];
  const metric = program.measure.metric;

  // 1. Measure.
  let measure = Decimal.ZERO;
  const unitsByProduct = new Map<string, Decimal>();
  const revenueByMonth = new Map<string, { amount: Decimal; rate: Decimal; converted: Decimal }>();
  const measureByDistributor = new Map<string, Decimal>();
  for (const priced of facts) {
    if (!productMatches(program.measure.products, level, priced.fact.product, priced.product)) continue;
    const value = metric === 'units' ? priced.units : priced.revenue;
    measure = measure.plus(value);
    addTo(measureByDistributor, priced.fact.distributorId ?? '', value);
    addTo(unitsByProduct, priced.fact.product ?? 'all products', priced.units);
    if (metric === 'revenue' && priced.fact.revenue !== null) {
      const key = `${priced.fact.invoiceMonth}|${priced.fact.currency}`;
      const entry = revenueByMonth.get(key);
      revenueByMonth.set(key, {
        amount: (entry?.amount ?? Decimal.ZERO).plus(Decimal.parse(priced.fact.revenue)),
        rate: priced.fxRate ?? Decimal.ONE,
        converted: (entry?.converted ?? Decimal.ZERO).plus(priced.revenue),
      });
    }
  }
  steps.push({
    step: 'measure',
    metric,
    currency: metric === 'revenue' ? context.revenueCurrency : null,
    value: measure.toString(),
    unitsByProduct: sortedEntries(unitsByProduct).map(([product, units]) => ({ product, units: units.toString() })),
    revenueByCurrency: sortedEntries(revenueByMonth).map(([key, entry]) => {
      const [month, currency] = key.split('|') as [string, string];
      return {
        month,
        currency,
        amount: entry.amount.toString(),
        rate: entry.rate.toString(),
        converted: entry.converted.toString(),
      };
    }),
  });

  // The goal is needed by target bonuses (step 2) and the gate (step 4).
  let target: Decimal | null = null;
  let goalText: string | null = null;
  if (program.goal) {
    const goal = context.index.goals.get(goalKey(program.id, id, context.period.start));
    if (goal !== undefined && goal.metric === program.goal.metric) {
      target = Decimal.parse(goal.target);
      goalText = `${goal.target} ${goal.metric}`;
    } else if (goal !== undefined) {
      goalText = `${goal.target} ${goal.metric} (wrong metric: the program measures ${program.goal.metric})`;
    }
  }
  const attainment = target !== null && !target.isZero() ? measure.times(Decimal.HUNDRED).dividedBy(target) : null;

  // 2. Base rewards, and 3. promotions on the line-based ones.
  let amount = Decimal.ZERO;
  const lineRewardByDistributor = new Map<string, Decimal>();
  const promotionTotals = new Map<string, { multiplier: Decimal; base: Decimal; uplift: Decimal }>();
  const promote = (priced: PricedFact, base: Decimal): Decimal => {
    const promotion = promotionFor(program, priced.fact.promotionIds, level, priced.fact.product, priced.product);
    if (promotion === null) return base;
    const uplift = base.times(promotion.multiplier.minus(Decimal.ONE));
    const entry = promotionTotals.get(promotion.promotionId);
    promotionTotals.set(promotion.promotionId, {
      multiplier: promotion.multiplier,
      base: (entry?.base ?? Decimal.ZERO).plus(base),
      uplift: (entry?.uplift ?? Decimal.ZERO).plus(uplift),
    });
    return base.plus(uplift);
  };
  program.rewards.forEach((rule, rewardIndex) => {
    switch (rule.type) {
      case 'per_unit': {
        const rows = new Map<string, { units: Decimal; rate: Decimal; amount: Decimal }>();
        let total = Decimal.ZERO;
        for (const priced of facts) {
          const rate = perUnitRate(rule, level, priced.fact.product, priced.product);
          if (rate === null) continue;
          const base = priced.units.times(rate.rate);
          const row = rows.get(rate.key);
          rows.set(rate.key, {
            units: (row?.units ?? Decimal.ZERO).plus(priced.units),
            rate: rate.rate,
            amount: (row?.amount ?? Decimal.ZERO).plus(base),
          });
          total = total.plus(base);
          const promoted = promote(priced, base);
          amount = amount.plus(promoted);
          addTo(lineRewardByDistributor, priced.fact.distributorId ?? '', promoted);
        }
        steps.push({
          step: 'reward',
          rule: 'per_unit',
          rewardIndex,
          by: rule.by,
          lines: sortedEntries(rows).map(([product, row]) => ({
            product,
            units: row.units.toString(),
            rate: row.rate.toString(),
            amount: row.amount.toString(),
          })),
          total: total.toString(),
        });
        break;
      }
      case 'percent_of_revenue': {
        const products = rewardProducts(program, rewardIndex);
        let revenue = Decimal.ZERO;
        let total = Decimal.ZERO;
        for (const priced of facts) {
          if (!productMatches(products, level, priced.fact.product, priced.product)) continue;
          const base = percentOfRevenue(priced.revenue, rule.percent);
          revenue = revenue.plus(priced.revenue);
          total = total.plus(base);
          const promoted = promote(priced, base);
          amount = amount.plus(promoted);
          addTo(lineRewardByDistributor, priced.fact.distributorId ?? '', promoted);
        }
        steps.push({
          step: 'reward',
          rule: 'percent_of_revenue',
          rewardIndex,
          revenue: revenue.toString(),
          percent: rule.percent,
          total: total.toString(),
        });
        break;
      }
      case 'tiers': {
        const result = priceTiers(rule, measure);
        amount = amount.plus(result.total);
        steps.push({
          step: 'reward',
          rule: 'tiers',
          rewardIndex,
          mode: rule.mode,
          measure: measure.toString(),
          threshold: rule.threshold ?? null,
          thresholdMet: result.thresholdMet,
          slices: result.slices.map((slice) => ({
            from: slice.from.toString(),
            to: slice.to === null ? null : slice.to.toString(),
            base: slice.base.toString(),
            rate: slice.rate.toString(),
            amount: slice.amount.toString(),
          })),
          cap: rule.cap ?? null,
          total: result.total.toString(),
        });
        break;
      }
      case 'target_bonus': {
        const result = priceTargetBonus(rule, measure, attainment);
        amount = amount.plus(result.total);
        steps.push({
          step: 'reward',
          rule: 'target_bonus',
          rewardIndex,
          condition: result.condition,
          met: result.met,
          total: result.total.toString(),
        });
        break;
      }
    }
  });
  for (const [promotionId, entry] of sortedEntries(promotionTotals)) {
    steps.push({
      step: 'promotion',
      promotionId,
      multiplier: entry.multiplier.toString(),
      base: entry.base.toString(),
      uplift: entry.uplift.toString(),
    });
  }

  // 4. Goal gate and accelerators.
  if (program.goal) {
    const before = amount;
    const gate = applyGoalGate(program.goal, measure, target, amount);
    const gated = amount.times(gate.factor);
    steps.push({
      step: 'gate',
      goal: goalText,
      attainmentPercent: gate.attainmentPercent?.toString() ?? null,
      minPercent: program.goal.min_attainment ?? null,
      maxPercent: program.goal.max_attainment ?? null,
      outcome: gate.outcome,
      factor: gate.factor.toString(),
      before: before.toString(),
      after: gated.toString(),
    });
    if (gate.accelerator && gate.attainmentPercent) {
      steps.push({
        step: 'accelerator',
        attainmentPercent: gate.attainmentPercent.toString(),
        fromPercent: gate.accelerator.fromPercent.toString(),
        multiplier: gate.accelerator.multiplier.toString(),
        before: gated.toString(),
        after: gate.amount.toString(),
      });
    }
    amount = gate.amount;
  }

  // 5. Per-participant cap.
  if (program.participant_cap !== undefined) {
    const capped = applyParticipantCap(amount, program.participant_cap);
    steps.push({
      step: 'cap',
      cap: program.participant_cap,
      before: amount.toString(),
      after: capped.amount.toString(),
    });
    amount = capped.amount;
  }

  // 6. Shares for the reporting distributors, weighted by their lines' part of the reward.
  const shares: ParticipantResult['shares'] = [];
  const hasLineWeights = [...lineRewardByDistributor.values()].some((weight) => !weight.isZero());
  const weights = hasLineWeights ? lineRewardByDistributor : measureByDistributor;
  for (const share of program.shares ?? []) {
    const allocations = allocateShares(amount, share.percent, weights);
    steps.push({
      step: 'share_given',
      percent: share.percent,
      earning: amount.toString(),
      recipients: allocations.map((a) => ({
        distributorId: a.distributorId,
        weight: a.weight.toString(),
        amount: a.amount.toString(),
      })),
    });
    for (const allocation of allocations) shares.push({ ...allocation, percent: share.percent });
  }
  steps.unshift({ step: 'participant', participantType: type, participantId: id, note: '' });
  return { amount, steps, shares };
}

interface Earner {
  type: 'partner' | 'user';
  id: string;
  amount: Decimal;
  steps: ExplanationStep[];
}

/** Groups eligible facts by who earns them; counts the lines of resellers that may not take part. */
function factsByParticipant(context: Context, facts: readonly SellOutFact[]) {
  const byParticipant = new Map<string, { type: 'partner' | 'user'; id: string; note: string; facts: PricedFact[] }>();
  const eligibility = new Map<string, { eligible: boolean; reason: string }>();
  let ineligibleLines = 0;
  for (const fact of facts) {
    if (fact.periodStart !== context.period.start) {
      throw new EngineError(
        'fact_outside_period',
        `a fact of the period starting ${fact.periodStart} was given to price ${context.period.label}`,
      );
    }
    let verdict = eligibility.get(fact.resellerId);
    if (verdict === undefined) {
      verdict = partnerEligibility(context.program, context.index.partners.get(fact.resellerId), context.index);
      eligibility.set(fact.resellerId, verdict);
    }
    if (!verdict.eligible) {
      ineligibleLines += fact.lines;
      continue;
    }
    const earner = earnerOfLine(context.program, fact.resellerId, fact.repId, context.index);
    const key = participantKey(earner.type, earner.id);
    let group = byParticipant.get(key);
    if (group === undefined) {
      const note = earner.type === 'user' ? `rep of reseller ${fact.resellerId}; ${verdict.reason}` : verdict.reason;
      group = { ...earner, note, facts: [] };
      byParticipant.set(key, group);
    }
    group.facts.push(pricedFact(context, fact));
  }
  return { byParticipant, ineligibleLines };
}

/** Prices every participant, then adds each distributor's received shares as an earner of its own. */
function priceAll(
  context: Context,
  groups: ReturnType<typeof factsByParticipant>['byParticipant'],
): Map<string, Earner> {
  const earners = new Map<string, Earner>();
  const received = new Map<
    string,
    { percent: string; from: Extract<ExplanationStep, { step: 'share_received' }>['from']; total: Decimal }
  >();
  for (const [key, group] of sortedEntries(groups)) {
    const result = priceParticipant(context, group.type, group.id, group.facts);
    const first = result.steps[0];
    if (first?.step === 'participant') first.note = group.note;
    earners.set(key, { type: group.type, id: group.id, amount: result.amount, steps: result.steps });
    for (const share of result.shares) {
      const entry = received.get(share.distributorId) ?? { percent: share.percent, from: [], total: Decimal.ZERO };
      entry.from.push({
        participantType: group.type,
        participantId: group.id,
        earning: result.amount.toString(),
        weight: share.weight.toString(),
        amount: share.amount.toString(),
      });
      entry.total = entry.total.plus(share.amount);
      received.set(share.distributorId, entry);
    }
  }
  for (const [distributorId, entry] of sortedEntries(received)) {
    const key = participantKey('partner', distributorId);
    const step: ExplanationStep = {
      step: 'share_received',
      percent: entry.percent,
      from: entry.from,
      total: entry.total.toString(),
    };
    const existing = earners.get(key);
    if (existing) {
      existing.amount = existing.amount.plus(entry.total);
      existing.steps.push(step);
    } else {
      earners.set(key, {
        type: 'partner',
        id: distributorId,
        amount: entry.total,
        steps: [
          {
            step: 'participant',
            participantType: 'partner',
            participantId: distributorId,
            note: 'reporting distributor',
          },
          step,
        ],
      });
    }
  }
  return earners;
}

/** `first_come`: replays the facts (one per line) by invoice date, distributor and line id. */
function firstComeUpdates(
  context: Context,
  groups: ReturnType<typeof factsByParticipant>['byParticipant'],
): FirstComeUpdate[] {
  const ordered: { key: string; priced: PricedFact }[] = [];
  for (const [key, group] of groups) for (const priced of group.facts) ordered.push({ key, priced });
  const sortKey = (f: SellOutFact) => `${f.invoiceDate ?? ''}\u0001${f.lineId ?? ''}\u0001${f.distributorId ?? ''}`;
  ordered.sort((a, b) => {
    const left = sortKey(a.priced.fact);
    const right = sortKey(b.priced.fact);
    return left < right ? -1 : left > right ? 1 : 0;
  });
  const seen = new Map<string, PricedFact[]>();
  const own = new Map<string, Decimal>(); // earner → its own earning so far
  const sharesFrom = new Map<string, Map<string, Decimal>>(); // distributor earner → participant → share
  // An earner's running total: its own earning plus the shares it receives (a distributor may be both).
  const cumulative = (earner: string): Decimal => {
    let total = own.get(earner) ?? Decimal.ZERO;
    for (const value of sharesFrom.get(earner)?.values() ?? []) total = total.plus(value);
    return total;
  };
  const updates: FirstComeUpdate[] = [];
  for (const { key, priced } of ordered) {
    const group = groups.get(key)!;
    const list = seen.get(key) ?? [];
    list.push(priced);
    seen.set(key, list);
    const result = priceParticipant(context, group.type, group.id, list);
    own.set(key, result.amount);
    for (const byParticipant of sharesFrom.values()) byParticipant.delete(key);
    for (const share of result.shares) {
      const recipient = participantKey('partner', share.distributorId);
      const byParticipant = sharesFrom.get(recipient) ?? new Map<string, Decimal>();
      addTo(byParticipant, key, share.amount);
      sharesFrom.set(recipient, byParticipant);
    }
    updates.push({ earner: key, cumulative: cumulative(key) });
    for (const recipient of sharesFrom.keys()) {
      if (recipient !== key) updates.push({ earner: recipient, cumulative: cumulative(recipient) });
    }
  }
  return updates;
}

function contextOf(program: Program, period: Period, masterData: MasterData): Context {
  const index = indexMasterData(masterData);
  return {
    program,
    period,
    index,
    level: aggregateSpec(program).productLevel,
    fx: new FxTable(index.fxRates),
    revenueCurrency: revenueCurrencyOf(program),
  };
}

/**
 * What one participant claims before the budget (every step of `price` up to the budget), exact
 * and unrounded: the amount a shared budget is applied to. Zero when it earns nothing.
 */
export function claimBeforeBudget(
  program: Program,
  period: Period,
  facts: readonly SellOutFact[],
  masterData: MasterData,
  participant: { type: 'partner' | 'user'; id: string },
): Decimal {
  const context = contextOf(program, period, masterData);
  const earners = priceAll(context, factsByParticipant(context, facts).byParticipant);
  return earners.get(participantKey(participant.type, participant.id))?.amount ?? Decimal.ZERO;
}

/**
 * Prices one program period from its facts: the fixed order measure → base reward → promotions →
 * gates and accelerators → per-participant cap → shares → budget → rounding. Pure: same inputs,
 * same earnings, whatever the order of `facts`.
 */
export function price(
  program: Program,
  period: Period,
  facts: readonly SellOutFact[],
  masterData: MasterData,
): PricingResult {
  const context = contextOf(program, period, masterData);
  const { byParticipant, ineligibleLines } = factsByParticipant(context, facts);
  const earners = priceAll(context, byParticipant);

  // 7. Budget.
  let roundingMode: 'half_away_from_zero' | 'down' = 'half_away_from_zero';
  const budget = program.budget;
  if (budget !== undefined && budget.policy !== 'none') {
    const limit = Decimal.parse(budget.amount);
    const before = new Map([...earners].map(([key, earner]) => [key, earner.amount]));
    let after: Map<string, Decimal>;
    let claimed: Decimal;
    let factor: Decimal | null = null;
    if (budget.policy === 'pro_rata') {
      const result = applyProRata(before, limit);
      after = result.amounts;
      claimed = result.claimed;
      factor = result.factor;
      if (factor !== null) roundingMode = 'down';
    } else {
      const result = applyFirstCome(firstComeUpdates(context, byParticipant), limit);
      after = new Map([...before.keys()].map((key) => [key, result.granted.get(key) ?? Decimal.ZERO]));
      claimed = result.claimed;
      if (result.cut) roundingMode = 'down';
    }
    for (const [key, earner] of earners) {
      const amount = after.get(key) ?? earner.amount;
      earner.steps.push({
        step: 'budget',
        policy: budget.policy,
        budget: budget.amount,
        claimed: claimed.toString(),
        factor: factor?.toString() ?? null,
        before: earner.amount.toString(),
        after: amount.toString(),
      });
      earner.amount = amount;
    }
  }

  // 8. Rounding, once per participant and period.
  const payoutDue =
    isCashUnit(program.unit) && program.payout_due_days !== undefined
      ? addDays(period.end, program.payout_due_days)
      : null;
  const earnings: Earning[] = [];
  let total = Decimal.ZERO;
  let nonZeroEarners = 0;
  for (const [, earner] of sortedEntries(earners)) {
    const rounded = roundEarning(earner.amount, program.unit, roundingMode);
    earner.steps.push({
      step: 'rounding',
      mode: roundingMode,
      decimals: minorUnits(program.unit),
      before: earner.amount.toString(),
      after: formatAmount(rounded, program.unit),
    });
    total = total.plus(rounded);
    if (!rounded.isZero()) nonZeroEarners += 1;
    earnings.push({
      participantType: earner.type,
      participantId: earner.id,
      periodStart: period.start,
      periodEnd: period.end,
      amount: formatAmount(rounded, program.unit),
      unit: program.unit,
      payoutDue,
      explanation: { unit: program.unit, steps: earner.steps },
    });
  }
  return {
    programId: program.id,
    period,
    unit: program.unit,
    earnings,
    totals: {
      amount: formatAmount(total, program.unit),
      earners: nonZeroEarners,
      budget: budget !== undefined && budget.policy !== 'none' ? budget.amount : null,
      ineligibleLines,
    },
  };
}
