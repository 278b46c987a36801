import { describe, expect, it } from 'vitest';
import type { PerUnitReward } from '../../src/program-schema.ts';
import { perUnitRate } from '../../src/rules/per-unit.ts';

const server = { sku: 'SRV-1', family: 'SERVER', category: 'rack' };
const byFamily: PerUnitReward = { type: 'per_unit', by: 'family', amounts: { SERVER: '50', STORAGE: '80' } };
const bySku: PerUnitReward = { type: 'per_unit', by: 'sku', amounts: { 'SRV-1': '1500' } };
const byCategory: PerUnitReward = { type: 'per_unit', by: 'category', amounts: { rack: '7.5' } };

describe('per-unit rates', () => {
  it.each([
    {
      case: 'a family rate on family facts',
      rule: byFamily,
      level: 'family',
      key: 'SERVER',
      product: undefined,
      rate: '50',
    },
    {
      case: 'a family rate on SKU facts through the product master',
      rule: byFamily,
      level: 'sku',
      key: 'SRV-1',
      product: server,
      rate: '50',
    },
    { case: 'a SKU rate on SKU facts', rule: bySku, level: 'sku', key: 'SRV-1', product: undefined, rate: '1500' },
    {
      case: 'a category rate on SKU facts',
      rule: byCategory,
      level: 'sku',
      key: 'SRV-1',
      product: server,
      rate: '7.5',
    },
    { case: 'a family not listed', rule: byFamily, level: 'family', key: 'NOTEBOOK', product: undefined, rate: null },
    {
      case: 'an unknown SKU for a family rate',
      rule: byFamily,
      level: 'sku',
      key: 'SRV-9',
      product: undefined,
      rate: null,
    },
  ] as const)('$case', ({ rule, level, key, product, rate }) => {
    expect(perUnitRate(rule, level, key, product)?.rate.toString() ?? null).toBe(rate);
  });
});
