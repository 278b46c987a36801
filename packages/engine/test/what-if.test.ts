import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateSpec,
  type Program,
  parsePeriod,
  price,
  SellOutAggregator,
  type SharedBudget,
  scheduleOf,
  type WhatIf,
  whatIf,
} from '../src/index.ts';
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

function factsOf(ml110: number, resellerId = 'SE1') {
  const products = new Map(data.products.map((p) => [p.sku, p]));
  const aggregator = new SellOutAggregator(aggregateSpec(cashpaq), scheduleOf(cashpaq), products);
  if (ml110 !== 0) {
    aggregator.add(line({ resellerId, sku: 'SRV-ML110', invoiceDate: '2026-01-15', quantity: String(ml110) }));
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

const se1 = { type: 'partner', id: 'SE1' } as const;

function withBudget(amount: string, policy: 'pro_rata' | 'first_come'): Program {
  return { ...cashpaq, budget: { amount, policy } };
}

/** The figures a participant sees, without the budget note. */
function figures(result: WhatIf) {
  const { budget: _budget, ...rest } = result;
  return rest;
}

function gains(result: WhatIf): Record<string, string> {
  return Object.fromEntries(result.nextUnit.map((n) => [n.product, n.gain]));
}

describe('what can I still earn under a shared budget (cashpaq, 8 ML110 sold = 2,400 SEK before the budget)', () => {
  it.each([
    {
      case: 'pro_rata over budget: 10,000 for 9,600 + 2,400 claimed pays 5/6',
      program: withBudget('10000', 'pro_rata'),
      shared: { policy: 'pro_rata', othersClaimed: '9600' },
      earning: '2000.00',
      // 2,700 × 10,000 / 12,300 = 2,195.12… and 3,900 × 10,000 / 13,500 = 2,888.88…, rounded down.
      nextUnit: { 'SRV-ML110': '195.12', 'SRV-DL380': '888.88' },
      // 13 units pay 3,750 (the 125 % cap): 3,750 × 10,000 / 13,350 = 2,808.98…
      gate: { earningAtGate: '2808.98', gain: '808.98' },
      budget: { policy: 'pro_rata', factor: '0.833333' },
    },
    {
      case: 'first_come with nothing left: another unit adds nothing',
      program: withBudget('12000', 'first_come'),
      shared: { policy: 'first_come', remaining: '0', claimed: '2400', granted: '2400' },
      earning: '2400.00',
      nextUnit: { 'SRV-ML110': '0.00', 'SRV-DL380': '0.00' },
      gate: { earningAtGate: '2400.00', gain: '0.00' },
      budget: { policy: 'first_come', remaining: '0.00' },
    },
    {
      case: 'first_come with 1,000 left: gains are capped at the remainder',
      program: withBudget('12000', 'first_come'),
      shared: { policy: 'first_come', remaining: '1000', claimed: '2400', granted: '2400' },
      earning: '2400.00',
      nextUnit: { 'SRV-ML110': '300.00', 'SRV-DL380': '1000.00' },
      gate: { earningAtGate: '3400.00', gain: '1000.00' },
      budget: { policy: 'first_come', remaining: '1000.00' },
    },
    {
      case: 'first_come, the participant was cut in the run: it keeps its grant, new sales take the remainder',
      program: withBudget('12000', 'first_come'),
      shared: { policy: 'first_come', remaining: '100', claimed: '2400', granted: '1800' },
      earning: '1800.00',
      nextUnit: { 'SRV-ML110': '100.00', 'SRV-DL380': '100.00' },
      gate: { earningAtGate: '1900.00', gain: '100.00' },
      budget: { policy: 'first_come', remaining: '100.00' },
    },
  ] satisfies {
    case: string;
    program: Program;
    shared: SharedBudget;
    earning: string;
    nextUnit: Record<string, string>;
    gate: { earningAtGate: string; gain: string };
    budget: WhatIf['budget'];
  }[])('$case', ({ program, shared, earning, nextUnit, gate, budget }) => {
    const result = whatIf(program, period, factsOf(8), data, se1, shared);
    expect(result.earning).toBe(earning);
    expect(gains(result)).toMatchObject(nextUnit);
    expect(result.gates).toEqual([expect.objectContaining({ kind: 'max_attainment', missing: '5', ...gate })]);
    expect(result.budget).toEqual(budget);
  });

  it('pro_rata under budget: the figures are the unbudgeted ones, paid at 100 %', () => {
    const plain = whatIf(cashpaq, period, factsOf(8), data, se1);
    const result = whatIf(withBudget('100000', 'pro_rata'), period, factsOf(8), data, se1, {
      policy: 'pro_rata',
      othersClaimed: '9600',
    });
    expect(figures(result)).toEqual(figures(plain));
    expect(result.budget).toEqual({ policy: 'pro_rata', factor: '1' });
  });

  it('a clawback is not scaled by the pro_rata factor', () => {
    const { goal: _goal, ...noGoal } = cashpaq;
    const program: Program = { ...noGoal, budget: { amount: '10000', policy: 'pro_rata' } };
    const result = whatIf(program, period, factsOf(-2), data, se1, { policy: 'pro_rata', othersClaimed: '20000' });
    expect(result.earning).toBe('-600.00');
    expect(gains(result)).toMatchObject({ 'SRV-ML110': '300.00' });
    expect(result.budget).toEqual({ policy: 'pro_rata', factor: '0.5' });
  });

  it('without a context, or with one of another policy, the result is what it is without', () => {
    const program = withBudget('1000', 'pro_rata');
    const plain = whatIf(program, period, factsOf(8), data, se1);
    expect(plain.budget).toBeNull();
    expect(plain.earning).toBe('1000.00'); // the own claim alone against the whole budget, as before
    const mismatch = whatIf(program, period, factsOf(8), data, se1, {
      policy: 'first_come',
      remaining: '0',
      claimed: '0',
      granted: '0',
    });
    expect(mismatch).toEqual(plain);
    expect(whatIf(cashpaq, period, factsOf(8), data, se1, { policy: 'pro_rata', othersClaimed: '1' })).toEqual(
      whatIf(cashpaq, period, factsOf(8), data, se1),
    );
  });
});

describe('shared budget properties', () => {
  const data2 = {
    ...data,
    partners: [...data.partners, partner({ id: 'SE2', country: 'SE' })],
    goals: [
      ...data.goals,
      { programId: 'cashpaq', participantId: 'SE2', periodStart: '2026-01-01', metric: 'units' as const, target: '10' },
    ],
  };

  it('the pro_rata estimate never exceeds the unbudgeted figure and equals it when the budget is not exceeded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3, max: 16 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        (sold, others, amount) => {
          const plain = whatIf(cashpaq, period, factsOf(sold), data, se1);
          const result = whatIf(withBudget(String(amount), 'pro_rata'), period, factsOf(sold), data, se1, {
            policy: 'pro_rata',
            othersClaimed: String(others),
          });
          expect(Number(result.earning)).toBeLessThanOrEqual(Number(plain.earning));
          result.gates.forEach((gate, i) => {
            expect(Number(gate.earningAtGate)).toBeLessThanOrEqual(Number(plain.gates[i]!.earningAtGate));
          });
          const claims = [
            Number(plain.earning),
            ...plain.nextUnit.map((n) => Number(plain.earning) + Number(n.gain)),
            ...plain.gates.map((g) => Number(g.earningAtGate)),
          ];
          if (others + Math.max(0, ...claims) <= amount) expect(figures(result)).toEqual(figures(plain));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("with the others' figures of the run, the estimate of the earning now is what the run pays", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 0, max: 12_000 }),
        fc.constantFrom('pro_rata' as const, 'first_come' as const),
        (own, other, amount, policy) => {
          const program = withBudget(String(amount), policy);
          const run = price(program, period, [...factsOf(own), ...factsOf(other, 'SE2')], data2);
          const steps = run.earnings.map((e) => ({
            who: e.participantId,
            step: e.explanation.steps.find((s) => s.step === 'budget'),
          }));
          const mine = steps.find((s) => s.who === 'SE1')?.step;
          const theirs = steps.find((s) => s.who === 'SE2')?.step;
          const positive = (value: string | undefined) => Math.max(0, Number(value ?? 0));
          let shared: SharedBudget;
          if (policy === 'pro_rata') {
            shared = { policy, othersClaimed: String(positive(theirs?.before)) };
          } else {
            const remaining = amount - positive(mine?.after) - positive(theirs?.after);
            shared = {
              policy,
              remaining: String(remaining),
              claimed: mine?.before ?? '0',
              granted: mine?.after ?? '0',
            };
          }
          const result = whatIf(program, period, factsOf(own), data, se1, shared);
          const paid = run.earnings.find((e) => e.participantId === 'SE1')?.amount ?? '0.00';
          expect(result.earning).toBe(paid);
        },
      ),
      { numRuns: 150 },
    );
  });
});
