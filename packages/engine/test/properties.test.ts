import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateSpec,
  type MasterData,
  type Program,
  parsePeriod,
  price,
  SellOutAggregator,
  type SellOutLine,
  scheduleOf,
} from '../src/index.ts';
import { amounts, loadExample, master, partner } from './helpers.ts';

const programs = ['cashpaq', '10hoch4', 'channelvalue'].map(loadExample);

const data: MasterData = master({
  partners: [
    partner({ id: 'R1', country: 'SE' }),
    partner({ id: 'R2', country: 'DE', level: 'platinum' }),
    partner({ id: 'R3', country: 'CH', level: 'gold' }),
  ],
  users: [
    { id: 'U1', partnerId: 'R2', groups: [] },
    { id: 'U2', partnerId: 'R3', groups: [] },
  ],
  products: [
    { sku: 'SRV-ML110', family: 'SERVER', category: 'HW' },
    { sku: 'SRV-DL580', family: 'SERVER', category: 'HW' },
    { sku: 'STO-1', family: 'STORAGE', category: 'HW' },
    { sku: 'NB-1', family: 'NOTEBOOK', category: 'HW' },
  ],
  fxRates: [1, 2, 3].flatMap((m) => [
    { month: `2026-0${m}`, currency: 'CHF', eurRate: `1.0${m}` },
    { month: `2026-0${m}`, currency: 'SEK', eurRate: `0.08${m}` },
  ]),
  goals: [{ programId: 'cashpaq', participantId: 'R1', periodStart: '2026-01-01', metric: 'units', target: '20' }],
});

const lineArb = fc.record({
  distributorId: fc.constantFrom('D1', 'D2'),
  lineId: fc.uuid(),
  invoiceDate: fc.constantFrom('2026-01-03', '2026-01-29', '2026-02-14', '2026-03-05', '2026-03-31'),
  resellerId: fc.constantFrom('R1', 'R2', 'R3'),
  repId: fc.constantFrom(null, 'U1', 'U2'),
  sku: fc.constantFrom('SRV-ML110', 'SRV-DL580', 'STO-1', 'NB-1'),
  quantity: fc.integer({ min: -3, max: 40 }).map(String),
  netAmount: fc.integer({ min: -50_000_00, max: 900_000_00 }).map((cents) => (cents / 100).toFixed(2)),
  currency: fc.constantFrom('EUR', 'CHF', 'SEK'),
}) satisfies fc.Arbitrary<SellOutLine>;

function run(program: Program, batches: readonly (readonly SellOutLine[])[]): Record<string, string> {
  const period = parsePeriod(scheduleOf(program), '2026-01-15');
  const facts = batches.flatMap((batch) => {
    const aggregator = new SellOutAggregator(
      aggregateSpec(program),
      scheduleOf(program),
      new Map(data.products.map((p) => [p.sku, p])),
    );
    for (const line of batch) aggregator.add(line);
    return aggregator.facts().filter((fact) => fact.periodStart === period.start);
  });
  return amounts(price(program, period, facts, data));
}

/** Participants whose lines all cancel still appear, with 0; compare what they are paid. */
function nonZero(earnings: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(earnings).filter(([, amount]) => !/^-?0(\.0+)?$/.test(amount)));
}

describe.each(programs.map((program) => [program.id, program] as const))('properties of %s', (_id, program) => {
  it('the order of the input lines does not matter', () => {
    fc.assert(
      fc.property(
        fc
          .array(lineArb, { maxLength: 40 })
          .chain((lines) =>
            fc.tuple(
              fc.constant(lines),
              fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }),
            ),
          ),
        ([lines, shuffled]) => {
          expect(run(program, [shuffled])).toEqual(run(program, [lines]));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splitting the lines of a period into two batches gives the same result', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.nat(40), (lines, cut) => {
        expect(run(program, [lines.slice(0, cut), lines.slice(cut)])).toEqual(run(program, [lines]));
      }),
      { numRuns: 60 },
    );
  });

  it('a return exactly cancels its sale', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), lineArb, (lines, sale) => {
        const refund = {
          ...sale,
          lineId: `${sale.lineId}-return`,
          quantity: String(-Number(sale.quantity)),
          netAmount: sale.netAmount.startsWith('-') ? sale.netAmount.slice(1) : `-${sale.netAmount}`,
        };
        expect(nonZero(run(program, [[...lines, sale, refund]]))).toEqual(nonZero(run(program, [lines])));
      }),
      { numRuns: 60 },
    );
  });
});
