import { describe, expect, it } from 'vitest';
import { Decimal, renderExplanation } from '../../src/index.ts';
import { amounts, line, loadExample, master, partner, priceLines } from '../helpers.ts';

const program = loadExample('channelvalue');
const data = master({
  partners: [
    partner({ id: 'R-GOLD', country: 'DE', level: 'Gold' }),
    partner({ id: 'R-PLAT', country: 'AT', level: 'platinum' }),
    partner({ id: 'R-SILVER', country: 'DE', level: 'silver' }),
    partner({ id: 'R-FR', country: 'FR', level: 'gold' }),
    partner({ id: 'D1', country: 'DE', type: 'distributor', level: '', distributorId: null }),
    partner({ id: 'D2', country: 'DE', type: 'distributor', level: '', distributorId: null }),
  ],
  users: [
    { id: 'U-GOLD', partnerId: 'R-GOLD', groups: ['sales'] },
    { id: 'U-PLAT', partnerId: 'R-PLAT', groups: [] },
  ],
  products: [
    { sku: 'NB-1', family: 'NOTEBOOK', category: 'CLIENT' },
    { sku: 'SRV-1', family: 'SERVER', category: 'DC' },
    { sku: 'STO-1', family: 'STORAGE', category: 'DC' },
    { sku: 'SW-1', family: 'SOFTWARE', category: 'SW' },
  ],
});

describe('channelvalue example', () => {
  it('the rep named on the line earns points per unit by family; the distributor earns 25 %', () => {
    const lines = [
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'NB-1', invoiceDate: '2026-01-10', quantity: '3' }),
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'SRV-1', invoiceDate: '2026-02-10', quantity: '2' }),
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'SW-1', invoiceDate: '2026-02-10', quantity: '9' }),
    ];
    expect(amounts(priceLines(program, '2026-Q1', lines, data))).toEqual({ 'user:U-GOLD': '130', 'partner:D1': '33' });
  });

  it('a rep of another reseller, or no rep, leaves the points with the reseller', () => {
    const lines = [
      line({ resellerId: 'R-PLAT', repId: 'U-GOLD', sku: 'STO-1', invoiceDate: '2026-01-10', quantity: '1' }),
      line({ resellerId: 'R-PLAT', sku: 'SRV-1', invoiceDate: '2026-01-10', quantity: '1' }),
    ];
    expect(amounts(priceLines(program, '2026-Q1', lines, data))).toEqual({
      'partner:R-PLAT': '130',
      'partner:D1': '33',
    });
  });

  it('storage invoiced in March 2026 earns double points, other families and months do not', () => {
    const lines = [
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'STO-1', invoiceDate: '2026-03-31', quantity: '1' }),
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'STO-1', invoiceDate: '2026-02-28', quantity: '1' }),
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'SRV-1', invoiceDate: '2026-03-15', quantity: '1' }),
    ];
    const result = priceLines(program, '2026-Q1', lines, data);
    expect(amounts(result)['user:U-GOLD']).toBe('290');
    expect(renderExplanation(result.earnings.find((e) => e.participantType === 'user')!.explanation)).toContain(
      'promotion storage-march-2026: 80 × 2 adds 80',
    );
  });

  it('only gold and platinum resellers in DACH take part', () => {
    const lines = ['R-SILVER', 'R-FR'].map((id) => line({ resellerId: id, sku: 'SRV-1', invoiceDate: '2026-01-10' }));
    const result = priceLines(program, '2026-Q1', lines, data);
    expect(result.earnings).toEqual([]);
    expect(result.totals.ineligibleLines).toBe(2);
  });

  it('the distributor share follows the lines each distributor reported', () => {
    const lines = [
      line({ resellerId: 'R-GOLD', sku: 'SRV-1', invoiceDate: '2026-01-10', quantity: '3', distributorId: 'D1' }),
      line({ resellerId: 'R-GOLD', sku: 'SRV-1', invoiceDate: '2026-01-11', quantity: '1', distributorId: 'D2' }),
    ];
    expect(amounts(priceLines(program, '2026-Q1', lines, data))).toEqual({
      'partner:R-GOLD': '200',
      'partner:D1': '38',
      'partner:D2': '13',
    });
  });

  it('above 2,000,000 points a quarter every earning is scaled pro rata and rounded down', () => {
    const lines = [
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'SRV-1', invoiceDate: '2026-01-10', quantity: '30001' }),
      line({ resellerId: 'R-PLAT', repId: 'U-PLAT', sku: 'STO-1', invoiceDate: '2026-01-10', quantity: '7777' }),
    ];
    const result = priceLines(program, '2026-Q1', lines, data);
    const total = result.earnings.reduce((sum, e) => sum.plus(Decimal.parse(e.amount)), Decimal.ZERO);
    expect(total.lte(Decimal.parse('2000000'))).toBe(true);
    expect(total.gt(Decimal.parse('1999996'))).toBe(true);
    expect(
      result.earnings.every((e) => e.explanation.steps.some((s) => s.step === 'budget' && s.factor !== null)),
    ).toBe(true);
  });

  it('the worked example of docs/rules.md: 3 notebooks and a March storage array earn 190, the distributor 48', () => {
    const lines = [
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'NB-1', invoiceDate: '2026-01-20', quantity: '3' }),
      line({ resellerId: 'R-GOLD', repId: 'U-GOLD', sku: 'STO-1', invoiceDate: '2026-03-31', quantity: '1' }),
    ];
    expect(amounts(priceLines(program, '2026-Q1', lines, data))).toEqual({ 'user:U-GOLD': '190', 'partner:D1': '48' });
  });

  it('points are whole and have no payout date', () => {
    const [earning] = priceLines(
      program,
      '2026-Q1',
      [line({ resellerId: 'R-GOLD', sku: 'NB-1', invoiceDate: '2026-01-10' })],
      data,
    ).earnings;
    expect(earning).toMatchObject({ unit: 'points', payoutDue: null, periodEnd: '2026-03-31' });
  });
});
