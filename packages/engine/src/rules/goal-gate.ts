import { Decimal } from '../decimal.ts';
import type { Program } from '../program-schema.ts';

export type GateOutcome = 'no_goal' | 'below_minimum' | 'passed' | 'scaled_above_maximum';

export interface GateResult {
  outcome: GateOutcome;
  /** measure / goal × 100; null without a goal. */
  attainmentPercent: Decimal | null;
  /** What the reward is multiplied by: 0, 1, or (max × goal) / measure. */
  factor: Decimal;
  amount: Decimal;
  accelerator: { fromPercent: Decimal; multiplier: Decimal } | null;
}

type GoalRule = NonNullable<Program['goal']>;

/**
 * Applies the goal gate and accelerators. Attainment = measure / goal. No goal (or a goal of 0):
 * nothing. Below the minimum: nothing. Above the maximum: the reward is scaled by
 * (max × goal) / measure, so units beyond the maximum earn nothing extra. Then the multiplier of
 * the highest accelerator band whose `from_attainment` the attainment reached.
 */
export function applyGoalGate(goal: GoalRule, measure: Decimal, target: Decimal | null, amount: Decimal): GateResult {
  if (target === null || target.isZero()) {
    return {
      outcome: 'no_goal',
      attainmentPercent: null,
      factor: Decimal.ZERO,
      amount: Decimal.ZERO,
      accelerator: null,
    };
  }
  const attainmentPercent = measure.times(Decimal.HUNDRED).dividedBy(target);
  const min = goal.min_attainment !== undefined ? Decimal.parse(goal.min_attainment) : undefined;
  const max = goal.max_attainment !== undefined ? Decimal.parse(goal.max_attainment) : undefined;
  let outcome: GateOutcome = 'passed';
  let factor = Decimal.ONE;
  if (min !== undefined && attainmentPercent.lt(min)) {
    outcome = 'below_minimum';
    factor = Decimal.ZERO;
  } else if (max !== undefined && attainmentPercent.gt(max)) {
    outcome = 'scaled_above_maximum';
    factor = max.times(target).dividedBy(Decimal.HUNDRED).dividedBy(measure);
  }
  let gated = amount.times(factor);
  let accelerator: GateResult['accelerator'] = null;
  if (outcome !== 'below_minimum') {
    const band = (goal.accelerators ?? [])
      .filter((b) => attainmentPercent.gte(Decimal.parse(b.from_attainment)))
      .at(-1);
    if (band !== undefined) {
      accelerator = { fromPercent: Decimal.parse(band.from_attainment), multiplier: Decimal.parse(band.multiplier) };
      gated = gated.times(accelerator.multiplier);
    }
  }
  return { outcome, attainmentPercent, factor, amount: gated, accelerator };
}
