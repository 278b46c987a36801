import { describe, expect, it } from 'vitest';
import { dec } from '../../src/index.ts';
import { allocateShares } from '../../src/rules/shares.ts';

describe('distributor shares', () => {
  it.each([
    { earning: '200', weights: { D1: '150', D2: '50' }, expected: { D1: '37.5', D2: '12.5' } },
    { earning: '-100', weights: { D1: '1' }, expected: { D1: '-25' } },
    { earning: '100', weights: { D1: '0' }, expected: {} },
    { earning: '0', weights: { D1: '5' }, expected: {} },
  ])('25 % of $earning with weights $weights → $expected', ({ earning, weights, expected }) => {
    const allocations = allocateShares(
      dec(earning),
      '25',
      new Map(Object.entries(weights).map(([k, v]) => [k, dec(v)])),
    );
    expect(Object.fromEntries(allocations.map((a) => [a.distributorId, a.amount.toString()]))).toEqual(expected);
  });
});
