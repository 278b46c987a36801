import { Decimal } from '../decimal.ts';

export interface ShareAllocation {
  distributorId: string;
  weight: Decimal;
  amount: Decimal;
}

/**
 * A distributor's share: `percent` of the participant's earning, split over the distributors
 * that reported the participant's lines in proportion to `weights` (each distributor's part of
 * the reward, or of the measure when no reward is line-based). No weight, no share.
 */
export function allocateShares(
  earning: Decimal,
  percent: string,
  weights: ReadonlyMap<string, Decimal>,
): ShareAllocation[] {
  let total = Decimal.ZERO;
  for (const weight of weights.values()) total = total.plus(weight);
  if (total.isZero() || earning.isZero()) return [];
  const share = earning.percentOf(Decimal.parse(percent));
  return [...weights.entries()]
    .filter(([, weight]) => !weight.isZero())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([distributorId, weight]) => ({
      distributorId,
      weight: weight.dividedBy(total),
      amount: share.times(weight).dividedBy(total),
    }));
}
