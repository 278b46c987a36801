import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dec } from '../../src/index.ts';
import { applyFirstCome, applyProRata } from '../../src/rules/budget.ts';

describe('budgets', () => {
  it.each([
    { earnings: ['100', '300'], budget: '1000', expected: ['100', '300'], factor: null },
    { earnings: ['100', '300'], budget: '200', expected: ['50', '150'], factor: '0.5' },
    { earnings: ['100', '-50', '300'], budget: '200', expected: ['50', '-50', '150'], factor: '0.5' },
  ])('pro rata: $earnings within $budget → $expected', ({ earnings, budget, expected, factor }) => {
    const input = new Map(earnings.map((amount, index) => [String(index), dec(amount)]));
    const result = applyProRata(input, dec(budget));
    expect([...result.amounts.values()].map((a) => a.toString())).toEqual(expected);
    expect(result.factor?.toString() ?? null).toBe(factor);
  });

  it.each([
    {
      case: 'the first claims are served in full, the next is cut, later ones get nothing',
      updates: [
        ['A', '60'],
        ['B', '30'],
        ['C', '50'],
        ['D', '10'],
      ],
      expected: { A: '60', B: '30', C: '10', D: '0' },
    },
    {
      case: 'a return gives its share back to later claims',
      updates: [
        ['A', '80'],
        ['A', '20'],
        ['B', '70'],
      ],
      expected: { A: '20', B: '70' },
    },
    {
      case: 'a clawback goes below zero and releases only what was granted',
      updates: [
        ['A', '50'],
        ['A', '-10'],
        ['B', '200'],
      ],
      expected: { A: '-10', B: '100' },
    },
  ])('first come: $case', ({ updates, expected }) => {
    const result = applyFirstCome(
      updates.map(([earner, cumulative]) => ({ earner: earner!, cumulative: dec(cumulative!) })),
      dec('100'),
    );
    expect(Object.fromEntries([...result.granted].map(([k, v]) => [k, v.toString()]))).toEqual(expected);
  });

  const amountsArb = fc.array(fc.bigInt({ min: -1000n, max: 100_000n }), { minLength: 1, maxLength: 30 });

  it('a pro rata budget is never exceeded by the positive earnings', () => {
    fc.assert(
      fc.property(amountsArb, fc.bigInt({ min: 0n, max: 100_000n }), (values, budget) => {
        const result = applyProRata(
          new Map(values.map((v, i) => [String(i), Decimal.fromBigInt(v)])),
          Decimal.fromBigInt(budget),
        );
        let positive = Decimal.ZERO;
        for (const amount of result.amounts.values()) {
          if (amount.isPositive()) positive = positive.plus(amount.round(0, 'down'));
        }
        expect(positive.lte(Decimal.fromBigInt(budget))).toBe(true);
      }),
    );
  });

  it('a first-come budget is never exceeded by the positive grants', () => {
    const updatesArb = fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.bigInt({ min: -500n, max: 5000n })), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(updatesArb, fc.bigInt({ min: 0n, max: 10_000n }), (updates, budget) => {
        const result = applyFirstCome(
          updates.map(([earner, value]) => ({ earner, cumulative: Decimal.fromBigInt(value) })),
          Decimal.fromBigInt(budget),
        );
        let positive = Decimal.ZERO;
        for (const amount of result.granted.values()) if (amount.isPositive()) positive = positive.plus(amount);
        expect(positive.lte(Decimal.fromBigInt(budget))).toBe(true);
      }),
    );
  });
});
