import { describe, expect, it } from 'vitest';
import { ProgramError, parseProgram, programJsonSchema } from '../src/index.ts';

const base = `
id: demo
name: Demo
unit: EUR
start: 2026-01-01
period: { type: quarter }
participants: partners
measure: { metric: revenue }
`;

function issues(text: string): string[] {
  try {
    parseProgram(text);
  } catch (error) {
    if (error instanceof ProgramError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('program schema', () => {
  it('accepts a minimal program and keeps decimals as exact text', () => {
    const program = parseProgram(`${base}rewards: [{ type: percent_of_revenue, percent: 2.8 }]`);
    expect(program.rewards[0]).toEqual({ type: 'percent_of_revenue', percent: '2.8' });
    expect(program.start).toBe('2026-01-01');
    expect(program.eligibility).toEqual({});
  });

  it.each([
    [
      'tiers out of order',
      `rewards: [{ type: tiers, mode: marginal, tiers: [{ from: 100, percent: 1 }, { from: 50, percent: 2 }] }]`,
      "rewards[0].tiers[1].from: must be greater than the previous tier's from",
    ],
    [
      'a gap between tiers',
      `rewards: [{ type: tiers, mode: marginal, tiers: [{ from: 0, to: 10, percent: 1 }, { from: 20, percent: 2 }] }]`,
      "rewards[0].tiers[1].from: must equal the previous tier's to (10): ranges are [from, to) without gaps",
    ],
    [
      'a per-unit rate on a revenue measure',
      `rewards: [{ type: tiers, mode: retroactive, tiers: [{ from: 0, per_unit: 5 }] }]`,
      'rewards[0].tiers[0].percent: required: the measure is revenue',
    ],
    ['an unknown reward type', `rewards: [{ type: lottery }]`, 'rewards[0].type: Invalid discriminator'],
    ['a misspelt field', `rewards: [{ type: percent_of_revenue, percnt: 2 }]`, 'rewards[0].percent: Invalid input'],
    [
      'a non-decimal amount',
      `rewards: [{ type: percent_of_revenue, percent: "2,8" }]`,
      'rewards[0].percent: "2,8" is not a decimal number',
    ],
    [
      'a goal metric that differs from the measure',
      `rewards: [{ type: percent_of_revenue, percent: 1 }]\ngoal: { metric: units, min_attainment: 75 }`,
      'goal.metric: must equal measure.metric (revenue)',
    ],
    [
      'duplicate promotion ids',
      `rewards: [{ type: percent_of_revenue, percent: 1 }]\npromotions: [{ id: p, from: 2026-01-01, to: 2026-01-31, multiplier: 2 }, { id: p, from: 2026-02-01, to: 2026-02-28, multiplier: 2 }]`,
      'promotions[1].id: duplicate id "p"',
    ],
  ])('rejects %s with the path and the reason', (_case, rewards, expected) => {
    expect(issues(`${base}${rewards}`).join('\n')).toContain(expected);
  });

  it.each([
    {
      case: 'a tier out of order beside a reward with a non-numeric amount',
      document: `${base}rewards:
  - { type: tiers, mode: marginal, tiers: [{ from: 100, percent: 1 }, { from: 50, percent: 2 }] }
  - { type: per_unit, by: sku, amounts: { X: [1] } }`,
      expected: ['rewards[1].amounts.X', "rewards[0].tiers[1].from: must be greater than the previous tier's from"],
    },
    {
      case: 'an end before the start beside an unknown unit',
      document: `id: demo
name: Demo
unit: euros
start: 2026-03-01
end: 2026-01-01
period: { type: month }
participants: partners
measure: { metric: units }
rewards: [{ type: per_unit, by: sku, amounts: { X: 1 } }]`,
      expected: ['unit', 'end: must not be before start'],
    },
    {
      case: 'a goal metric mismatch, a missing tier rate and a promotion ending early beside a misspelt field',
      document: `${base}rewards:
  - { type: tiers, mode: retroactive, tiers: [{ from: 0, per_unit: 5 }] }
  - { type: percent_of_revenue, percnt: 2 }
goal: { metric: units, min_attainment: 80, max_attainment: 50 }
promotions: [{ id: p, from: 2026-02-01, to: 2026-01-01, multiplier: 2 }]`,
      expected: [
        'rewards[1].percent',
        'rewards[1]',
        'rewards[0].tiers[0].percent: required: the measure is revenue',
        'rewards[0].tiers[0].per_unit: not allowed: the measure is revenue (use percent)',
        'goal.metric: must equal measure.metric (revenue): attainment is the measure divided by the goal',
        'goal.max_attainment: must be greater than min_attainment',
        'promotions[0].to: must not be before from',
      ],
    },
    {
      case: 'duplicate promotion ids and accelerators out of order beside a malformed promotion',
      document: `${base}rewards: [{ type: percent_of_revenue, percent: 1 }]
goal: { metric: revenue, accelerators: [{ from_attainment: 120, multiplier: 2 }, { from_attainment: 110, multiplier: 1.5 }] }
promotions:
  - { id: p, from: 2026-01-01, to: 2026-01-31, multiplier: 2 }
  - { id: Bad Id, from: 2026-01-01, to: 2026-01-31, multiplier: 2 }
  - { id: p, from: 2026-02-01, to: 2026-02-28, multiplier: 2 }`,
      expected: [
        'promotions[1].id',
        "goal.accelerators[1].from_attainment: must be greater than the previous band's from_attainment",
        'promotions[2].id: duplicate id "p"',
      ],
    },
    {
      case: 'a target bonus needing a goal beside a negative cap',
      document: `${base}rewards:
  - { type: target_bonus, amount: 100, attainment_at_least: 100 }
  - { type: tiers, mode: marginal, cap: -5, tiers: [{ from: 0, percent: 1 }] }`,
      expected: ['rewards[1].cap: must not be negative', 'rewards[0].attainment_at_least: needs a goal section'],
    },
    {
      case: 'a malformed reward whose own tier order is not checked, and a malformed goal that still counts as a goal',
      document: `${base}rewards:
  - { type: tiers, mode: sideways, tiers: [{ from: 100, percent: 1 }, { from: 50, percent: 2 }] }
  - { type: target_bonus, amount: 100, attainment_at_least: 100 }
goal: { metric: revenue, min_attainment: lots }`,
      expected: ['rewards[0].mode', 'goal.min_attainment'],
    },
  ])('reports shape and cross-field errors in one pass: $case', ({ document, expected }) => {
    // A shape error's message comes from zod; compare its path, and cross-field errors in full.
    const found = issues(document).map((issue) => (expected.includes(issue) ? issue : issue.split(': ')[0]));
    expect(found).toEqual(expected);
  });

  it('names line and column for YAML syntax errors', () => {
    expect(issues('id: [unclosed\nname: x')[0]).toMatch(/^line \d+, column \d+:/);
  });

  it('rejects an unknown unit and an invalid date', () => {
    const text = base.replace('unit: EUR', 'unit: euros').replace('start: 2026-01-01', 'start: 2026-02-30');
    const found = issues(`${text}rewards: [{ type: percent_of_revenue, percent: 1 }]`);
    expect(found).toContain('unit: use an ISO 4217 currency code (EUR, SEK), points or credits');
    expect(found).toContain('start: "2026-02-30" is not an ISO date (YYYY-MM-DD)');
  });

  it('exports a JSON Schema that names every top-level field', () => {
    const schema = programJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['id', 'rewards', 'budget', 'promotions', 'shares']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'unit', 'period', 'rewards']));
  });
});
