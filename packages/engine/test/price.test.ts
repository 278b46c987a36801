import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, parsePeriod, parseProgram, price, type SellOutFact, scheduleOf } from '../src/index.ts';
import { amounts, line, master, partner, priceLines } from './helpers.ts';

const data = master({
  partners: [
    partner({ id: 'R1', country: 'DE' }),
    partner({ id: 'R2', country: 'DE' }),
    partner({ id: 'R3', country: 'AT' }),
  ],
  products: [
    { sku: 'A', family: 'F', category: 'C' },
    { sku: 'B', family: 'G', category: 'C' },
  ],
  goals: [
    { programId: 'p', participantId: 'R1', periodStart: '2026-01-01', metric: 'units', target: '10' },
    { programId: 'p', participantId: 'R2', periodStart: '2026-01-01', metric: 'units', target: '10' },
  ],
});

function program(extra: string): ReturnType<typeof parseProgram> {
  return parseProgram(`
id: p
name: P
unit: EUR
start: 2026-01-01
period: { type: month }
participants: partners
measure: { metric: units }
${extra}`);
}

const sale = (resellerId: string, quantity: number, sku = 'A', invoiceDate = '2026-01-10', lineId?: string) =>
  line({
    resellerId,
    sku,
    invoiceDate,
    quantity: String(quantity),
    netAmount: String(quantity * 100),
    ...(lineId ? { lineId } : {}),
  });

describe('price', () => {
  it.each([
    {
      case: 'a percentage of revenue',
      rules: 'rewards: [{ type: percent_of_revenue, percent: 2.5, products: { families: [F] } }]',
      lines: [sale('R1', 3), sale('R1', 5, 'B')],
      expected: { 'partner:R1': '7.50' },
    },
    {
      case: 'a retroactive units tier table',
      rules:
        'rewards: [{ type: tiers, mode: retroactive, tiers: [{ from: 0, per_unit: 1 }, { from: 5, per_unit: 2 }] }]',
      lines: [sale('R1', 4), sale('R2', 6)],
      expected: { 'partner:R1': '4.00', 'partner:R2': '12.00' },
    },
    {
      case: 'a target bonus on attainment',
      rules: 'rewards: [{ type: target_bonus, amount: 250, attainment_at_least: 100 }]\ngoal: { metric: units }',
      lines: [sale('R1', 10), sale('R2', 9)],
      expected: { 'partner:R1': '250.00', 'partner:R2': '0.00' },
    },
    {
      case: 'an accelerator band',
      rules:
        'rewards: [{ type: per_unit, by: sku, amounts: { A: 10 } }]\ngoal: { metric: units, accelerators: [{ from_attainment: 110, multiplier: 1.5 }] }',
      lines: [sale('R1', 11), sale('R2', 10)],
      expected: { 'partner:R1': '165.00', 'partner:R2': '100.00' },
    },
    {
      case: 'a per-participant cap',
      rules: 'rewards: [{ type: per_unit, by: family, amounts: { F: 10 } }]\nparticipant_cap: 50',
      lines: [sale('R1', 11), sale('R2', 2)],
      expected: { 'partner:R1': '50.00', 'partner:R2': '20.00' },
    },
    {
      case: 'a clawback when returns exceed sales',
      rules: 'rewards: [{ type: per_unit, by: category, amounts: { C: 10 } }]',
      lines: [sale('R1', 1), sale('R1', -3)],
      expected: { 'partner:R1': '-20.00' },
    },
    {
      case: 'a first-come budget served by invoice date, then line id',
      rules: 'rewards: [{ type: per_unit, by: sku, amounts: { A: 10 } }]\nbudget: { amount: 100, policy: first_come }',
      lines: [
        sale('R2', 5, 'A', '2026-01-20', 'L1'),
        sale('R1', 6, 'A', '2026-01-05', 'L9'),
        sale('R3', 1, 'A', '2026-01-05', 'L2'),
      ],
      expected: { 'partner:R1': '60.00', 'partner:R2': '30.00', 'partner:R3': '10.00' },
    },
  ])('$case', ({ rules, lines, expected }) => {
    expect(amounts(priceLines(program(rules), '2026-01', lines, data))).toEqual(expected);
  });

  it.each([
    { case: 'one below the goal earns 0.00', lines: [sale('R1', 10), sale('R2', 9)], earners: 1, listed: 2 },
    { case: 'both reach the goal', lines: [sale('R1', 10), sale('R2', 12)], earners: 2, listed: 2 },
    { case: 'nobody reaches the goal', lines: [sale('R1', 1), sale('R2', 9)], earners: 0, listed: 2 },
  ])(
    'totals.earners counts only non-zero earnings, while earnings lists zeros too: $case',
    ({ lines, earners, listed }) => {
      const result = priceLines(
        program('rewards: [{ type: target_bonus, amount: 250, attainment_at_least: 100 }]\ngoal: { metric: units }'),
        '2026-01',
        lines,
        data,
      );
      expect(result.totals.earners).toBe(earners);
      expect(result.earnings).toHaveLength(listed);
    },
  );

  it('a clawback counts as an earner', () => {
    const result = priceLines(
      program('rewards: [{ type: per_unit, by: sku, amounts: { A: 10 } }]'),
      '2026-01',
      [sale('R1', 1), sale('R1', -3), sale('R2', 1), sale('R2', -1)],
      data,
    );
    expect(amounts(result)).toEqual({ 'partner:R1': '-20.00', 'partner:R2': '0.00' });
    expect(result.totals.earners).toBe(1);
  });

  it('a points budget is never exceeded, after rounding, whatever the lines', () => {
    const budgeted = program(
      'rewards: [{ type: per_unit, by: sku, amounts: { A: 3.3333, B: 7 } }]\nshares: [{ recipient: reporting_distributor, percent: 25 }]\nbudget: { amount: 1000, policy: pro_rata }',
    );
    const lineArb = fc.record({
      resellerId: fc.constantFrom('R1', 'R2', 'R3'),
      sku: fc.constantFrom('A', 'B'),
      quantity: fc.integer({ min: -5, max: 60 }),
      distributorId: fc.constantFrom('D1', 'D2'),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), (rows) => {
        const lines = rows.map((row) => ({
          ...sale(row.resellerId, row.quantity, row.sku),
          distributorId: row.distributorId,
        }));
        const result = priceLines(budgeted, '2026-01', lines, data);
        const positive = result.earnings
          .map((earning) => Decimal.parse(earning.amount))
          .filter((amount) => amount.isPositive())
          .reduce((sum, amount) => sum.plus(amount), Decimal.ZERO);
        expect(positive.lte(Decimal.parse('1000'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('first-come budgets with shares', () => {
  it('a distributor that also sells as a reseller claims its own earning and its share as one earner', () => {
    const withShares = program(
      'rewards: [{ type: per_unit, by: sku, amounts: { A: 10 } }]\nshares: [{ recipient: reporting_distributor, percent: 50 }]\nbudget: { amount: 1000, policy: first_come }',
    );
    const both = master({ ...data, partners: [...data.partners, partner({ id: 'D1', country: 'DE' })] });
    const lines = [
      sale('R1', 4, 'A', '2026-01-05', 'L1'),
      sale('D1', 2, 'A', '2026-01-06', 'L2'),
      sale('R1', 2, 'A', '2026-01-07', 'L3'),
    ];
    // R1: 60; D1: 20 of its own + 50 % of R1's 60 (reported by D1) + 50 % of its own 20
    expect(amounts(priceLines(withShares, '2026-01', lines, both))).toEqual({
      'partner:D1': '60.00',
      'partner:R1': '60.00',
    });
  });
});

describe('price input checks', () => {
  it('refuses facts of another period instead of mixing them in', () => {
    const perUnit = program('rewards: [{ type: per_unit, by: sku, amounts: { A: 1 } }]');
    const january = parsePeriod(scheduleOf(perUnit), '2026-01');
    const fact: SellOutFact = {
      periodStart: '2026-02-01',
      resellerId: 'R1',
      repId: null,
      distributorId: null,
      product: 'A',
      invoiceMonth: null,
      currency: null,
      promotionIds: [],
      invoiceDate: null,
      lineId: null,
      units: '1',
      revenue: null,
      lines: 1,
    };
    expect(() => price(perUnit, january, [fact], data)).toThrow(
      expect.objectContaining({ code: 'fact_outside_period' }),
    );
  });
});
