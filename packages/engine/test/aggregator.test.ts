import { describe, expect, it } from 'vitest';
import { aggregateSpec, parseProgram, SellOutAggregator, SellOutValueError, scheduleOf } from '../src/index.ts';
import { line, loadExample } from './helpers.ts';

const products = new Map([
  ['NB-1', { sku: 'NB-1', family: 'NOTEBOOK', category: 'CLIENT' }],
  ['SW-1', { sku: 'SW-1', family: 'SOFTWARE', category: 'SW' }],
]);

function aggregatorFor(name: string) {
  const program = loadExample(name);
  return new SellOutAggregator(aggregateSpec(program), scheduleOf(program), products);
}

describe('sell-out aggregator', () => {
  it.each([
    {
      case: 'a covered product in the program dates',
      program: 'channelvalue',
      sku: 'NB-1',
      date: '2026-02-01',
      outcome: 'counted',
    },
    {
      case: 'a line before the program start',
      program: 'channelvalue',
      sku: 'NB-1',
      date: '2025-12-31',
      outcome: 'outside_program',
    },
    {
      case: 'a family the program does not reward',
      program: 'channelvalue',
      sku: 'SW-1',
      date: '2026-02-01',
      outcome: 'product_not_covered',
    },
    {
      case: 'a SKU missing from the products file',
      program: 'channelvalue',
      sku: 'XX-9',
      date: '2026-02-01',
      outcome: 'unknown_sku',
    },
    {
      case: 'any SKU in a program over all products',
      program: '10hoch4',
      sku: 'XX-9',
      date: '2026-02-01',
      outcome: 'counted',
    },
    {
      case: 'a SKU outside a SKU list',
      program: 'cashpaq',
      sku: 'NB-1',
      date: '2026-02-01',
      outcome: 'product_not_covered',
    },
  ])('$case: $outcome', ({ program, sku, date, outcome }) => {
    const aggregator = aggregatorFor(program);
    expect(aggregator.add(line({ resellerId: 'R1', sku, invoiceDate: date }))).toBe(outcome);
    expect(aggregator.outcomes[outcome as keyof typeof aggregator.outcomes]).toBe(1);
  });

  it('groups by exactly the dimensions the program needs and sums exactly', () => {
    const aggregator = aggregatorFor('10hoch4');
    aggregator.add(
      line({ resellerId: 'R1', repId: 'U1', sku: 'NB-1', invoiceDate: '2026-01-05', quantity: '2', netAmount: '0.1' }),
    );
    aggregator.add(
      line({ resellerId: 'R1', repId: 'U2', sku: 'SW-1', invoiceDate: '2026-01-30', quantity: '-1', netAmount: '0.2' }),
    );
    aggregator.add(line({ resellerId: 'R1', sku: 'SW-1', invoiceDate: '2026-02-01', netAmount: '5', currency: 'CHF' }));
    expect(aggregator.facts()).toEqual([
      expect.objectContaining({
        periodStart: '2026-01-01',
        repId: null,
        product: null,
        invoiceMonth: '2026-01',
        currency: 'EUR',
        units: '1',
        revenue: '0.3',
        lines: 2,
      }),
      expect.objectContaining({ invoiceMonth: '2026-02', currency: 'CHF', units: '1', revenue: '5', lines: 1 }),
    ]);
  });

  it('gives one fact per line for first_come budgets', () => {
    const program = parseProgram(`
id: fc
name: First come
unit: EUR
start: 2026-01-01
period: { type: month }
participants: partners
measure: { metric: units }
rewards: [{ type: per_unit, by: sku, amounts: { NB-1: 5 } }]
budget: { amount: 100, policy: first_come }
`);
    const aggregator = new SellOutAggregator(aggregateSpec(program), scheduleOf(program), products);
    aggregator.add(line({ resellerId: 'R1', sku: 'NB-1', invoiceDate: '2026-01-05', lineId: 'A' }));
    aggregator.add(line({ resellerId: 'R1', sku: 'NB-1', invoiceDate: '2026-01-05', lineId: 'B' }));
    expect(aggregator.facts().map((fact) => [fact.invoiceDate, fact.distributorId, fact.lineId])).toEqual([
      ['2026-01-05', 'D1', 'A'],
      ['2026-01-05', 'D1', 'B'],
    ]);
  });

  it.each([
    { field: 'quantity', value: '1.5', fields: { quantity: '1.5' } },
    { field: 'net_amount', value: '1,50', fields: { netAmount: '1,50' } },
    { field: 'net_amount', value: '0.0000001', fields: { netAmount: '0.0000001' } },
    { field: 'invoice_date', value: '2026-13-01', fields: { invoiceDate: '2026-13-01' } },
  ])('rejects $field "$value" as a typed error', ({ field, value, fields }) => {
    const aggregator = aggregatorFor('10hoch4');
    const bad = line({ resellerId: 'R1', sku: 'NB-1', invoiceDate: '2026-01-05', ...fields });
    expect(() => aggregator.add(bad)).toThrow(SellOutValueError);
    expect(() => aggregator.add(bad)).toThrow(expect.objectContaining({ field, value }));
  });
});
