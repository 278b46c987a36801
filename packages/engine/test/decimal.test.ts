import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dec } from '../src/index.ts';

describe('Decimal', () => {
  it.each([
    ['0.1', '0.2', '0.3'],
    ['-12.50', '2.5', '-10'],
    ['1000000000000000000000.01', '0.99', '1000000000000000000001'],
  ])('%s + %s = %s exactly', (a, b, sum) => {
    expect(dec(a).plus(dec(b)).toString()).toBe(sum);
  });

  it.each(['1e5', '1,5', ' 1', '', '.5', '1.', 'abc'])('rejects "%s" as a decimal', (text) => {
    expect(() => Decimal.parse(text)).toThrow(/not a decimal number/);
  });

  it.each([
    ['2.5', 0, 'half_away_from_zero', '3'],
    ['-2.5', 0, 'half_away_from_zero', '-3'],
    ['2.4999', 0, 'half_away_from_zero', '2'],
    ['0.005', 2, 'half_away_from_zero', '0.01'],
    ['-0.005', 2, 'half_away_from_zero', '-0.01'],
    ['2.99', 0, 'down', '2'],
    ['-2.01', 0, 'down', '-3'],
    ['-2.99', 0, 'toward_zero', '-2'],
  ] as const)('rounds %s to %i decimals %s as %s', (value, scale, mode, expected) => {
    expect(dec(value).round(scale, mode).toString()).toBe(expected);
  });

  it('divides exactly and shows a non-terminating result with a ~ prefix', () => {
    const third = dec('1').dividedBy(dec('3'));
    expect(third.times(dec('3')).toString()).toBe('1');
    expect(third.toString()).toBe('~0.333333333333');
  });

  it('formats with a fixed number of decimals', () => {
    expect(dec('14800').toFixed(2)).toBe('14800.00');
    expect(dec('-0.5').toFixed(0)).toBe('-1');
  });

  it('division by zero is a typed error', () => {
    expect(() => dec('1').dividedBy(Decimal.ZERO)).toThrow(expect.objectContaining({ code: 'division_by_zero' }));
  });

  it('addition is exact for any sums of cents (no float drift)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { maxLength: 50 }), (cents) => {
        const sum = cents.reduce((acc, c) => acc.plus(Decimal.fromScaled(c, 2)), Decimal.ZERO);
        expect(
          sum.eq(
            Decimal.fromScaled(
              cents.reduce((a, b) => a + b, 0n),
              2,
            ),
          ),
        ).toBe(true);
      }),
    );
  });

  it('rounding half away from zero is symmetric around zero', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.integer({ min: 0, max: 4 }), (n, scale) => {
        const value = Decimal.fromScaled(n, 5);
        expect(
          value.negated().round(scale, 'half_away_from_zero').eq(value.round(scale, 'half_away_from_zero').negated()),
        ).toBe(true);
      }),
    );
  });
});
