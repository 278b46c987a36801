import type { Product } from './master-data.ts';
import type { ProductFilter } from './program-schema.ts';

/** How finely facts must name products so every rule of a program can tell them apart. */
export type ProductLevel = 'none' | 'sku' | 'family' | 'category';

/**
 * Whether a product matches a filter. `key` is what a fact names at `level` (a SKU, family or
 * category); for SKU-level facts the product master supplies family and category.
 */
export function productMatches(
  filter: ProductFilter | undefined,
  level: ProductLevel,
  key: string | null,
  product: Product | undefined,
): boolean {
  if (filter === undefined) return true;
  if (key === null) return false;
  const sku = level === 'sku' ? key : undefined;
  const family = level === 'family' ? key : product?.family;
  const category = level === 'category' ? key : product?.category;
  if (sku !== undefined && filter.skus?.includes(sku)) return true;
  if (family !== undefined && filter.families?.includes(family)) return true;
  if (category !== undefined && filter.categories?.includes(category)) return true;
  return false;
}

/** The levels a filter speaks about. */
export function filterLevels(filter: ProductFilter | undefined): ProductLevel[] {
  if (filter === undefined) return [];
  const levels: ProductLevel[] = [];
  if (filter.skus?.length) levels.push('sku');
  if (filter.families?.length) levels.push('family');
  if (filter.categories?.length) levels.push('category');
  return levels;
}

/** The product key of a SKU at `level`, or undefined when the master data does not know it. */
export function productKey(level: ProductLevel, sku: string, product: Product | undefined): string | null | undefined {
  switch (level) {
    case 'none':
      return null;
    case 'sku':
      return sku;
    case 'family':
      return product?.family;
    case 'category':
      return product?.category;
  }
}
