import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../../src/index.ts';
import type { TiersReward } from '../../src/program-schema.ts';
import { priceTiers } from '../../src/rules/tiers.ts';

const marginal: TiersReward = {
  type: 'tiers',
  mode: 'marginal',
  tiers: [
    { from: '0', to: '100', percent: '10' },
    { from: '100', to: '200', percent: '5' },
    { from: '200', percent: '1' },
  ],
};
const retroactive: TiersReward = { ...marginal, mode: 'retroactive' };

describe('tier tables', () => {
  it.each([
    [marginal, '0', '0'],
    [marginal, '50', '5'],
    [marginal, '100', '10'],
    [marginal, '150', '12.5'],
    [marginal, '300', '16'],
    [marginal, '-40', '-4'],
    [retroactive, '99.99', '9.999'],
    [retroactive, '100', '5'],
    [retroactive, '250', '2.5'],
  ] as const)('%#: a measure of %s earns %s', (rule, measure, expected) => {
    expect(priceTiers(rule, dec(measure)).total.toString()).toBe(expected);
  });

  it.each([
    ['99.99', '0', false],
    ['100', '10', true],
  ] as const)('with a threshold of 100, a measure of %s earns %s', (measure, expected, met) => {
    const result = priceTiers({ ...marginal, threshold: '100' }, dec(measure));
    expect(result.total.toString()).toBe(expected);
    expect(result.thresholdMet).toBe(met);
  });

  it('a cap limits the table’s reward', () => {
    expect(priceTiers({ ...marginal, cap: '12' }, dec('500'))).toMatchObject({ capped: true, total: dec('12') });
  });

  it('half-open ranges: a measure on a boundary starts the upper tier', () => {
    const slices = priceTiers(marginal, dec('200')).slices.map((s) => s.base.toString());
    expect(slices).toEqual(['100', '100']);
  });

  it('marginal tiers are continuous and never decrease with the measure', () => {
    const cents = fc.bigInt({ min: -100_00n, max: 1_000_00n });
    fc.assert(
      fc.property(cents, fc.bigInt({ min: 0n, max: 10_00n }), (value, step) => {
        const lower = dec((Number(value) / 100).toFixed(2));
        const higher = lower.plus(dec((Number(step) / 100).toFixed(2)));
        const a = priceTiers(marginal, lower).total;
        const b = priceTiers(marginal, higher).total;
        expect(b.gte(a)).toBe(true);
        // continuity: the reward grows by at most the highest rate × the step
        expect(b.minus(a).lte(higher.minus(lower).times(dec('0.1')))).toBe(true);
      }),
    );
  });
});
