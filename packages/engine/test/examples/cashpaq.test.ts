import { describe, expect, it } from 'vitest';
import { renderExplanation } from '../../src/index.ts';
import { amounts, line, loadExample, master, partner, priceLines } from '../helpers.ts';

const cashpaq = loadExample('cashpaq');
const data = master({
  partners: [
    partner({ id: 'SE1', country: 'SE' }),
    partner({ id: 'NO1', country: 'NO' }),
    partner({ id: 'SE2', country: 'SE' }),
  ],
  products: [
    { sku: 'SRV-ML110', family: 'SERVER', category: 'HW' },
    { sku: 'SRV-DL380', family: 'SERVER', category: 'HW' },
    { sku: 'NB-1', family: 'NOTEBOOK', category: 'HW' },
  ],
  goals: [
    { programId: 'cashpaq', participantId: 'SE1', periodStart: '2026-01-01', metric: 'units', target: '10' },
    { programId: 'cashpaq', participantId: 'NO1', periodStart: '2026-01-01', metric: 'units', target: '10' },
    { programId: 'cashpaq', participantId: 'SE1', periodStart: '2026-01-31', metric: 'units', target: '4' },
  ],
});

function sales(ml110: number, dl380 = 0, reseller = 'SE1', date = '2026-01-15') {
  const lines = [];
  if (ml110) lines.push(line({ resellerId: reseller, sku: 'SRV-ML110', invoiceDate: date, quantity: String(ml110) }));
  if (dl380) lines.push(line({ resellerId: reseller, sku: 'SRV-DL380', invoiceDate: date, quantity: String(dl380) }));
  return lines;
}

describe('cashpaq example', () => {
  it.each([
    { case: 'below 75 % of the goal earns nothing', ml110: 7, dl380: 0, expected: '0.00' },
    { case: '80 % earns 300 SEK per ML110', ml110: 8, dl380: 0, expected: '2400.00' },
    { case: '12 ML110 and 1 DL380 (130 %) is scaled by 12.5 / 13', ml110: 12, dl380: 1, expected: '4903.85' },
    { case: '5 ML110 and 10 DL380 (150 %) is scaled by 12.5 / 15', ml110: 5, dl380: 10, expected: '13750.00' },
  ])('$case', ({ ml110, dl380, expected }) => {
    const result = priceLines(cashpaq, '2026-01-15', sales(ml110, dl380), data);
    expect(amounts(result)['partner:SE1']).toBe(expected);
  });

  it.each([
    { units: 3, goal: '4', expected: '900.00' },
    { units: 12, goal: '9.6', expected: '3600.00' },
  ])('at exactly the gate bounds ($units units, goal $goal) every unit earns in full', ({ units, goal, expected }) => {
    const result = priceLines(cashpaq, '2026-01-15', sales(units), {
      ...data,
      goals: [{ programId: 'cashpaq', participantId: 'SE1', periodStart: '2026-01-01', metric: 'units', target: goal }],
    });
    expect(amounts(result)['partner:SE1']).toBe(expected);
  });

  it('the first period is 2026-01-01..2026-01-30 and pays 14 days after its end', () => {
    const [earning] = priceLines(cashpaq, '2026-01-30', sales(8), data).earnings;
    expect(earning).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-01-30',
      payoutDue: '2026-02-13',
      unit: 'SEK',
    });
  });

  it('a sale on day 31 counts for the second period with its own goal', () => {
    const result = priceLines(cashpaq, '2026-01-31', sales(4, 0, 'SE1', '2026-01-31'), data);
    expect(result.period).toMatchObject({ start: '2026-01-31', end: '2026-03-01' });
    expect(amounts(result)['partner:SE1']).toBe('1200.00');
  });

  it('a reseller without a goal earns nothing, and one outside Sweden does not take part', () => {
    const result = priceLines(cashpaq, '2026-01-15', [...sales(10, 0, 'SE2'), ...sales(10, 0, 'NO1')], data);
    expect(amounts(result)).toEqual({ 'partner:SE2': '0.00' });
    expect(result.totals.ineligibleLines).toBe(1);
    expect(renderExplanation(result.earnings[0]!.explanation)).toContain('no goal');
  });

  it('returns reduce the units of the period they are invoiced in, and other products do not count', () => {
    const lines = [
      ...sales(10),
      line({ resellerId: 'SE1', sku: 'SRV-ML110', invoiceDate: '2026-01-20', quantity: '-2' }),
      line({ resellerId: 'SE1', sku: 'NB-1', invoiceDate: '2026-01-20', quantity: '50' }),
    ];
    expect(amounts(priceLines(cashpaq, '2026-01-15', lines, data))['partner:SE1']).toBe('2400.00');
  });

  it('explains units per SKU, goal, attainment, gate and rounding', () => {
    const text = renderExplanation(priceLines(cashpaq, '2026-01-15', sales(5, 10), data).earnings[0]!.explanation);
    expect(text).toContain('SRV-DL380: 10 × 1500 = 15000');
    expect(text).toContain('goal 10 units, attainment 150 %');
    expect(text).toContain('scaled above maximum');
    expect(text).toContain('→ 13750.00');
  });
});
