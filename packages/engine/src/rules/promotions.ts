import { Decimal } from '../decimal.ts';
import type { Product } from '../master-data.ts';
import { type ProductLevel, productMatches } from '../products.ts';
import type { Program } from '../program-schema.ts';

export interface AppliedPromotion {
  promotionId: string;
  multiplier: Decimal;
}

/**
 * The promotion that applies to a fact: among the windows containing its invoice date whose
 * products match, the one with the highest multiplier (promotions do not stack).
 */
export function promotionFor(
  program: Program,
  promotionIds: readonly string[],
  level: ProductLevel,
  productKey: string | null,
  product: Product | undefined,
): AppliedPromotion | null {
  let best: AppliedPromotion | null = null;
  for (const promotion of program.promotions ?? []) {
    if (!promotionIds.includes(promotion.id)) continue;
    if (!productMatches(promotion.products, level, productKey, product)) continue;
    const multiplier = Decimal.parse(promotion.multiplier);
    if (best === null || multiplier.gt(best.multiplier)) best = { promotionId: promotion.id, multiplier };
  }
  return best;
}
