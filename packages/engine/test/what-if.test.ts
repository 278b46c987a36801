import { describe, expect, it } from 'vitest';
import { aggregateSpec, parsePeriod, SellOutAggregator, scheduleOf, whatIf } from '../src/index.ts';
import { line, loadExample, master, partner } from './helpers.ts';

const cashpaq = loadExample('cashpaq');
const period = parsePeriod(scheduleOf(cashpaq), '2026-01-15');
const data = master({
  partners: [partner({ id: 'SE1', country: 'SE' })],
  products: [
    { sku: 'SRV-ML110', family: 'SERVER', category: 'HW' },
    { sku: 'SRV-DL380', family: 'SERVER', category: 'HW' },
  ],
  goals: [{ programId: 'cashpaq', participantId: 'SE1', periodStart: '2026-01-01', metric: 'units', target: '10' }],
});

function factsOf(ml110: number) {
  const products = new Map(data.products.map((p) => [p.sku, p]));
  const aggregator = new SellOutAggregator(aggregateSpec(cashpaq), scheduleOf(cashpaq), products);
  if (ml110 > 0) {
    aggregator.add(line({ resellerId: 'SE1', sku: 'SRV-ML110', invoiceDate: '2026-01-15', quantity: String(ml110) }));
  }
  return aggregator.facts().filter((fact) => fact.periodStart === period.start);
}

describe('what can I still earn (cashpaq, goal 10 units)', () => {
  it.each([
    // Extra units are priced as the product the reseller sells most; with no sales, the first SKU (DL380).
    {
      case: '5 ML110: 3 more units to reach 75 %: +2,400 SEK',
      sold: 5,
      missing: '3',
      atGate: '2400.00',
      sku: 'SRV-ML110',
    },
    { case: 'nothing sold: 8 DL380 reach 75 %', sold: 0, missing: '8', atGate: '12000.00', sku: 'SRV-DL380' },
    {
      case: '7 ML110: one more unit opens the gate for all 8',
      sold: 7,
      missing: '1',
      atGate: '2400.00',
      sku: 'SRV-ML110',
    },
  ])('$case', ({ sold, missing, atGate, sku }) => {
    const result = whatIf(cashpaq, period, factsOf(sold), data, { type: 'partner', id: 'SE1' });
    const gate = result.gates.find((g) => g.kind === 'min_attainment');
    expect(gate).toMatchObject({ percent: '75', missing, earningAtGate: atGate, gain: atGate, product: sku });
  });

  it('below the gate nothing is earned yet and attainment is exact', () => {
    const result = whatIf(cashpaq, period, factsOf(5), data, { type: 'partner', id: 'SE1' });
    expect(result.earning).toBe('0.00');
    expect(result.attainmentPercent).toBe('50');
    expect(result.gates.map((g) => g.kind)).toEqual(['min_attainment', 'max_attainment']);
  });

  it('above the minimum, the next unit earns its rate and the cap gate remains', () => {
    const result = whatIf(cashpaq, period, factsOf(8), data, { type: 'partner', id: 'SE1' });
    expect(result.earning).toBe('2400.00');
    expect(Object.fromEntries(result.nextUnit.map((n) => [n.product, n.gain]))).toMatchObject({
      'SRV-ML110': '300.00',
      'SRV-DL380': '1500.00',
    });
    expect(result.gates.map((g) => [g.kind, g.missing])).toEqual([['max_attainment', '5']]);
  });

  it('above 125 % a further unit earns less than its rate (the reward is scaled)', () => {
    const result = whatIf(cashpaq, period, factsOf(13), data, { type: 'partner', id: 'SE1' });
    const ml110 = result.nextUnit.find((n) => n.product === 'SRV-ML110')!;
    // 13 units pay 12.5 × 300 = 3,750; 14 units pay the same 3,750: the next ML110 adds nothing.
    expect(ml110.gain).toBe('0.00');
    expect(result.gates).toEqual([]);
  });

  it('a reseller without a goal has no gates and earns nothing per unit', () => {
    const result = whatIf(cashpaq, period, factsOf(5), { ...data, goals: [] }, { type: 'partner', id: 'SE1' });
    expect(result).toMatchObject({ usesGoal: true, goal: null, gates: [] });
    expect(result.nextUnit.every((n) => Number(n.gain) === 0)).toBe(true);
  });

  it('does not count revenue for a units program', () => {
    const result = whatIf(cashpaq, period, factsOf(5), data, { type: 'partner', id: 'SE1' });
    expect(result.nextCurrencyUnit).toBeNull();
  });
});
