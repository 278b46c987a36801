import { describe, expect, it } from 'vitest';
import { dec } from '../../src/index.ts';
import { applyGoalGate } from '../../src/rules/goal-gate.ts';

const goal = {
  metric: 'units' as const,
  min_attainment: '75',
  max_attainment: '125',
  accelerators: [
    { from_attainment: '110', multiplier: '1.5' },
    { from_attainment: '120', multiplier: '2' },
  ],
};

describe('goal gate and accelerators', () => {
  it.each([
    { measure: '7', target: '10', outcome: 'below_minimum', amount: '0' },
    { measure: '7.5', target: '10', outcome: 'passed', amount: '1000' },
    { measure: '10', target: '10', outcome: 'passed', amount: '1000' },
    { measure: '11', target: '10', outcome: 'passed', amount: '1500' },
    { measure: '12', target: '10', outcome: 'passed', amount: '2000' },
    { measure: '12.5', target: '10', outcome: 'passed', amount: '2000' },
    // 250 %: scaled by 12.5 / 25, then the ×2 band from 120 %
    { measure: '25', target: '10', outcome: 'scaled_above_maximum', amount: '1000' },
    { measure: '5', target: '0', outcome: 'no_goal', amount: '0' },
    { measure: '-3', target: '10', outcome: 'below_minimum', amount: '0' },
  ])('$measure of a goal of $target: $outcome, reward 1000 → $amount', ({ measure, target, outcome, amount }) => {
    const result = applyGoalGate(goal, dec(measure), dec(target), dec('1000'));
    expect(result.outcome).toBe(outcome);
    expect(result.amount.toString()).toBe(amount);
  });

  it('without a goal the participant earns nothing', () => {
    expect(applyGoalGate(goal, dec('10'), null, dec('500'))).toMatchObject({ outcome: 'no_goal', amount: dec('0') });
  });

  it('above the maximum the reward is scaled by (max × goal) / measure, exactly', () => {
    const result = applyGoalGate({ metric: 'units', max_attainment: '125' }, dec('13'), dec('10'), dec('5100'));
    expect(result.factor.toString()).toBe('~0.961538461538');
    expect(result.amount.times(dec('13')).toString()).toBe('63750');
  });
});
