import { Decimal } from '../decimal.ts';
import type { Product } from '../master-data.ts';
import type { ProductLevel } from '../products.ts';
import type { PerUnitReward } from '../program-schema.ts';

/**
 * The rate per net unit for a fact's product, or null when the rule does not cover it. Rates are
 * keyed by SKU, family or category (`by`); SKU-level facts look up their family and category.
 */
export function perUnitRate(
  rule: PerUnitReward,
  level: ProductLevel,
  productKey: string | null,
  product: Product | undefined,
): { key: string; rate: Decimal } | null {
  if (productKey === null) return null;
  let key: string | undefined;
  if (rule.by === level) key = productKey;
  else if (level === 'sku' && rule.by === 'family') key = product?.family;
  else if (level === 'sku' && rule.by === 'category') key = product?.category;
  if (key === undefined) return null;
  const rate = rule.amounts[key];
  return rate === undefined ? null : { key, rate: Decimal.parse(rate) };
}
