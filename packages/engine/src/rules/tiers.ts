import { Decimal } from '../decimal.ts';
import type { TiersReward } from '../program-schema.ts';

export interface TierSlice {
  from: Decimal;
  to: Decimal | null;
  base: Decimal;
  /** Amount per unit of the measure (a percent is already divided by 100). */
  rate: Decimal;
  amount: Decimal;
}

export interface TiersResult {
  total: Decimal;
  thresholdMet: boolean;
  slices: TierSlice[];
  capped: boolean;
}

/** A tier's rate per unit of measure: `percent / 100` for revenue, `per_unit` for units. */
function tierRate(percent: string | undefined, perUnit: string | undefined): Decimal {
  if (percent !== undefined) return Decimal.parse(percent).dividedBy(Decimal.HUNDRED);
  return Decimal.parse(perUnit ?? '0');
}

/**
 * Prices a measure with a tier table. Ranges are half-open `[from, to)`; the last tier may be
 * open. `marginal`: each rate applies to its slice. `retroactive`: the rate of the tier the
 * measure reached applies to the whole measure. Below `threshold` nothing; `cap` limits the total.
 * A negative measure (returns exceed sales) is priced at the first tier's rate, so clawbacks mirror sales.
 */
export function priceTiers(rule: TiersReward, measure: Decimal): TiersResult {
  const tiers = rule.tiers.map((tier, index) => ({
    from: Decimal.parse(tier.from),
    to:
      tier.to !== undefined
        ? Decimal.parse(tier.to)
        : rule.tiers[index + 1]
          ? Decimal.parse(rule.tiers[index + 1]!.from)
          : null,
    rate: tierRate(tier.percent, tier.per_unit),
  }));
  const threshold = rule.threshold !== undefined ? Decimal.parse(rule.threshold) : undefined;
  const thresholdMet = threshold === undefined || measure.gte(threshold);
  if (!thresholdMet) return { total: Decimal.ZERO, thresholdMet, slices: [], capped: false };
  const slices: TierSlice[] = [];
  const first = tiers[0]!;
  if (measure.isNegative()) {
    const amount = measure.times(first.rate);
    slices.push({ from: measure, to: Decimal.ZERO, base: measure, rate: first.rate, amount });
  } else if (rule.mode === 'marginal') {
    for (const tier of tiers) {
      if (measure.lte(tier.from)) break;
      const upper = tier.to !== null && measure.gt(tier.to) ? tier.to : measure;
      const base = upper.minus(tier.from);
      slices.push({ from: tier.from, to: tier.to, base, rate: tier.rate, amount: base.times(tier.rate) });
    }
  } else {
    const reached = tiers.filter((tier) => measure.gte(tier.from)).at(-1);
    if (reached !== undefined) {
      slices.push({
        from: reached.from,
        to: reached.to,
        base: measure,
        rate: reached.rate,
        amount: measure.times(reached.rate),
      });
    }
  }
  let total = slices.reduce((sum, slice) => sum.plus(slice.amount), Decimal.ZERO);
  let capped = false;
  if (rule.cap !== undefined) {
    const cap = Decimal.parse(rule.cap);
    if (total.gt(cap)) {
      total = cap;
      capped = true;
    }
  }
  return { total, thresholdMet, slices, capped };
}
