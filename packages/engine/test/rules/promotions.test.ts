import { describe, expect, it } from 'vitest';
import { parseProgram } from '../../src/index.ts';
import { promotionFor } from '../../src/rules/promotions.ts';

const program = parseProgram(`
id: promo
name: Promotions
unit: points
start: 2026-01-01
period: { type: quarter }
participants: partners
measure: { metric: units }
rewards: [{ type: per_unit, by: family, amounts: { STORAGE: 80, SERVER: 50 } }]
promotions:
  - { id: double-storage, from: 2026-03-01, to: 2026-03-31, products: { families: [STORAGE] }, multiplier: 2 }
  - { id: triple-all, from: 2026-03-15, to: 2026-03-20, multiplier: 3 }
`);

describe('promotions', () => {
  it.each([
    {
      case: 'a matching family inside the window',
      ids: ['double-storage'],
      family: 'STORAGE',
      expected: 'double-storage ×2',
    },
    { case: 'another family inside the window', ids: ['double-storage'], family: 'SERVER', expected: null },
    { case: 'outside every window', ids: [], family: 'STORAGE', expected: null },
    {
      case: 'two windows: the highest multiplier wins',
      ids: ['double-storage', 'triple-all'],
      family: 'STORAGE',
      expected: 'triple-all ×3',
    },
  ])('$case: $expected', ({ ids, family, expected }) => {
    const applied = promotionFor(program, ids, 'family', family, undefined);
    expect(applied ? `${applied.promotionId} ×${applied.multiplier}` : null).toBe(expected);
  });
});
