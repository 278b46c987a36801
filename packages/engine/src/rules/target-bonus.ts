import { Decimal } from '../decimal.ts';
import type { TargetBonusReward } from '../program-schema.ts';

export interface TargetBonusResult {
  condition: string;
  met: boolean;
  total: Decimal;
}

/** A fixed amount once the measure (or the attainment, in percent of the goal) reaches a target. */
export function priceTargetBonus(
  rule: TargetBonusReward,
  measure: Decimal,
  attainmentPercent: Decimal | null,
): TargetBonusResult {
  if (rule.measure_at_least !== undefined) {
    const met = measure.gte(Decimal.parse(rule.measure_at_least));
    return {
      condition: `measure ≥ ${rule.measure_at_least}`,
      met,
      total: met ? Decimal.parse(rule.amount) : Decimal.ZERO,
    };
  }
  const target = rule.attainment_at_least ?? '0';
  const met = attainmentPercent?.gte(Decimal.parse(target)) ?? false;
  return { condition: `attainment ≥ ${target} %`, met, total: met ? Decimal.parse(rule.amount) : Decimal.ZERO };
}
