import { describe, expect, it } from 'vitest';
import { amounts, line, loadExample, master, partner, priceLines } from '../helpers.ts';

const program = loadExample('10hoch4');
const data = master({
  partners: [
    partner({ id: 'DE1', country: 'DE' }),
    partner({ id: 'CH1', country: 'CH' }),
    partner({ id: 'DE-IA', country: 'DE', individualAgreement: true }),
    partner({ id: 'FR1', country: 'FR' }),
  ],
  fxRates: [
    { month: '2026-02', currency: 'CHF', eurRate: '1.04' },
    { month: '2026-03', currency: 'CHF', eurRate: '1.06' },
  ],
});

describe('10hoch4 example', () => {
  it.each([
    { revenue: '9999.99', bonus: '0.00' },
    { revenue: '10000', bonus: '1000.00' },
    { revenue: '50000', bonus: '5000.00' },
    { revenue: '100000', bonus: '6400.00' },
    { revenue: '400000', bonus: '14800.00' },
    { revenue: '1000000', bonus: '14800.00' },
  ])('a quarter of $revenue EUR earns $bonus EUR', ({ revenue, bonus }) => {
    const result = priceLines(
      program,
      '2026-Q1',
      [line({ resellerId: 'DE1', sku: 'ANY', invoiceDate: '2026-02-10', netAmount: revenue })],
      data,
    );
    expect(amounts(result)).toEqual({ 'partner:DE1': bonus });
  });

  it('converts each line with the FX rate of its invoice month', () => {
    const lines = [
      line({ resellerId: 'CH1', sku: 'A', invoiceDate: '2026-02-27', netAmount: '10000', currency: 'CHF' }),
      line({ resellerId: 'CH1', sku: 'B', invoiceDate: '2026-03-02', netAmount: '10000', currency: 'CHF' }),
    ];
    // 10,000 × 1.04 + 10,000 × 1.06 = 21,000 EUR → 10 %
    expect(amounts(priceLines(program, '2026-Q1', lines, data))).toEqual({ 'partner:CH1': '2100.00' });
  });

  it('excludes partners with an individual agreement and resellers outside DE, AT and CH', () => {
    const lines = ['DE-IA', 'FR1'].map((id) =>
      line({ resellerId: id, sku: 'A', invoiceDate: '2026-01-10', netAmount: '90000' }),
    );
    const result = priceLines(program, '2026-Q1', lines, data);
    expect(result.earnings).toEqual([]);
    expect(result.totals.ineligibleLines).toBe(2);
  });

  it('a return in the next quarter reduces that quarter, not the one of the sale', () => {
    const lines = [
      line({ resellerId: 'DE1', sku: 'A', invoiceDate: '2026-03-30', netAmount: '60000' }),
      line({ resellerId: 'DE1', sku: 'A', invoiceDate: '2026-04-02', netAmount: '-20000', quantity: '-1' }),
    ];
    expect(amounts(priceLines(program, '2026-Q1', lines, data))).toEqual({ 'partner:DE1': '5280.00' });
    expect(amounts(priceLines(program, '2026-Q2', lines, data))).toEqual({ 'partner:DE1': '0.00' });
  });

  it('has no payout before the quarter ends: due 30 days after it', () => {
    const [earning] = priceLines(
      program,
      '2026-Q1',
      [line({ resellerId: 'DE1', sku: 'A', invoiceDate: '2026-01-10', netAmount: '20000' })],
      data,
    ).earnings;
    expect(earning).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-03-31', payoutDue: '2026-04-30' });
  });

  it('a missing FX rate is an error naming month and currency', () => {
    const lines = [line({ resellerId: 'CH1', sku: 'A', invoiceDate: '2026-01-10', netAmount: '1', currency: 'CHF' })];
    expect(() => priceLines(program, '2026-Q1', lines, data)).toThrow('no FX rate for CHF in 2026-01');
  });
});
