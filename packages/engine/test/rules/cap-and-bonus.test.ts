import { describe, expect, it } from 'vitest';
import { dec } from '../../src/index.ts';
import { applyParticipantCap } from '../../src/rules/cap.ts';
import { percentOfRevenue } from '../../src/rules/percent-of-revenue.ts';
import { priceTargetBonus } from '../../src/rules/target-bonus.ts';

describe('participant cap', () => {
  it.each([
    { amount: '120', cap: '100', expected: '100', capped: true },
    { amount: '100', cap: '100', expected: '100', capped: false },
    { amount: '-300', cap: '100', expected: '-300', capped: false },
    { amount: '120', cap: undefined, expected: '120', capped: false },
  ])('$amount with cap $cap → $expected', ({ amount, cap, expected, capped }) => {
    const result = applyParticipantCap(dec(amount), cap);
    expect([result.amount.toString(), result.capped]).toEqual([expected, capped]);
  });
});

describe('percent of revenue', () => {
  it.each([
    { revenue: '45200', percent: '10', expected: '4520' },
    { revenue: '0.01', percent: '2.8', expected: '0.00028' },
    { revenue: '-100', percent: '3', expected: '-3' },
  ])('$percent % of $revenue = $expected, unrounded', ({ revenue, percent, expected }) => {
    expect(percentOfRevenue(dec(revenue), percent).toString()).toBe(expected);
  });
});

describe('target bonus', () => {
  it.each([
    { rule: { measure_at_least: '1000' }, measure: '999.99', attainment: null, met: false },
    { rule: { measure_at_least: '1000' }, measure: '1000', attainment: null, met: true },
    { rule: { attainment_at_least: '100' }, measure: '9', attainment: '99.9', met: false },
    { rule: { attainment_at_least: '100' }, measure: '10', attainment: '100', met: true },
    { rule: { attainment_at_least: '100' }, measure: '10', attainment: null, met: false },
  ])('$rule with measure $measure and attainment $attainment: met $met', ({ rule, measure, attainment, met }) => {
    const result = priceTargetBonus(
      { type: 'target_bonus', amount: '500', ...rule },
      dec(measure),
      attainment === null ? null : dec(attainment),
    );
    expect([result.met, result.total.toString()]).toEqual([met, met ? '500' : '0']);
  });
});
