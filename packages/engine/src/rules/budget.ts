import { Decimal } from '../decimal.ts';

export interface ProRataResult {
  /** Sum of the positive earnings, what the participants claim. */
  claimed: Decimal;
  /** budget / claimed when the claims exceed the budget, else null (nothing scaled). */
  factor: Decimal | null;
  amounts: Map<string, Decimal>;
}

/**
 * `pro_rata`: when the positive earnings exceed the budget, every positive earning is scaled by
 * budget / claimed (exact). Clawbacks are not scaled. Rounding down afterwards keeps the total
 * within the budget.
 */
export function applyProRata(earnings: ReadonlyMap<string, Decimal>, budget: Decimal): ProRataResult {
  let claimed = Decimal.ZERO;
  for (const amount of earnings.values()) if (amount.isPositive()) claimed = claimed.plus(amount);
  if (claimed.lte(budget)) return { claimed, factor: null, amounts: new Map(earnings) };
  const factor = budget.dividedBy(claimed);
  const amounts = new Map<string, Decimal>();
  for (const [key, amount] of earnings) amounts.set(key, amount.isPositive() ? amount.times(factor) : amount);
  return { claimed, factor, amounts };
}

/** One earner's cumulative (pre-budget) earning after a line, in line order. */
export interface FirstComeUpdate {
  earner: string;
  cumulative: Decimal;
}

export interface FirstComeResult {
  claimed: Decimal;
  granted: Map<string, Decimal>;
  /** True when some claim was cut because the budget ran out. */
  cut: boolean;
}

const positivePart = (value: Decimal): Decimal => (value.isPositive() ? value : Decimal.ZERO);

/**
 * `first_come`: lines are replayed by invoice date, then line id; each increase of an earner's
 * earning claims from what is left of the budget, and is cut when it runs out; a decrease (a
 * return) gives its share back. Positive grants never sum above the budget.
 */
export function applyFirstCome(updates: Iterable<FirstComeUpdate>, budget: Decimal): FirstComeResult {
  const wanted = new Map<string, Decimal>();
  const granted = new Map<string, Decimal>();
  let remaining = budget;
  let cut = false;
  for (const { earner, cumulative } of updates) {
    const before = wanted.get(earner) ?? Decimal.ZERO;
    wanted.set(earner, cumulative);
    const claim = claimFirstCome(before, granted.get(earner) ?? Decimal.ZERO, cumulative, remaining);
    if (claim.cut) cut = true;
    remaining = claim.remaining;
    if (!cumulative.eq(before)) granted.set(earner, claim.granted);
  }
  let claimed = Decimal.ZERO;
  for (const amount of wanted.values()) claimed = claimed.plus(positivePart(amount));
  return { claimed, granted, cut };
}

export interface FirstComeClaim {
  /** What the earner holds after the update. */
  granted: Decimal;
  /** What is left of the budget after it. */
  remaining: Decimal;
  /** True when the increase was cut because the budget ran out. */
  cut: boolean;
}

/**
 * One `first_come` update: an earner that wanted `before` and holds `held` now wants `cumulative`.
 * An increase claims from `remaining` (cut when it runs out); a decrease gives its share back.
 */
export function claimFirstCome(
  before: Decimal,
  held: Decimal,
  cumulative: Decimal,
  remaining: Decimal,
): FirstComeClaim {
  const delta = cumulative.minus(before);
  if (delta.isPositive()) {
    const target = held.plus(delta);
    const need = positivePart(target).minus(positivePart(held));
    const take = Decimal.min(need, remaining);
    return { granted: target.minus(need.minus(take)), remaining: remaining.minus(take), cut: take.lt(need) };
  }
  if (delta.isNegative()) {
    const next = Decimal.min(held, cumulative);
    return { granted: next, remaining: remaining.plus(positivePart(held).minus(positivePart(next))), cut: false };
  }
  return { granted: held, remaining, cut: false };
}
