import { describe, expect, it } from 'vitest';
import { isZeroAmount } from '../src/money.ts';

describe('isZeroAmount', () => {
  it.each([
    ['0.00', true],
    ['-0.00', true],
    ['0', true],
    ['0.01', false],
    ['-0.01', false],
    ['100', false],
    ['10.50', false],
  ])('says whether the formatted amount %s is zero (%s)', (formatted, zero) => {
    expect(isZeroAmount(formatted)).toBe(zero);
  });
});
