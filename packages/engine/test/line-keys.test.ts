import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateSpec, SellOutAggregator, type SellOutLine, scheduleOf } from '../src/index.ts';
import {
  addExact,
  ByteInterner,
  exactTotal,
  FactTable,
  parseSafeInteger,
  parseScaledDecimal,
} from '../src/line-keys.ts';
import { loadExample } from './helpers.ts';

const encoder = new TextEncoder();

function bytesOf(text: string): Uint8Array {
  return encoder.encode(text);
}

describe('exact sums in a Number with a bigint overflow', () => {
  it('always equal the bigint sum of the safe integers added', () => {
    const safe = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.maxSafeInteger(),
      fc.maxSafeInteger().map((n) => -n),
      fc.integer({ min: 0, max: 2 ** 20 }).map((n) => Number.MAX_SAFE_INTEGER - n),
      fc.integer({ min: 0, max: 2 ** 20 }).map((n) => n - Number.MAX_SAFE_INTEGER),
    );
    fc.assert(
      fc.property(fc.array(safe, { maxLength: 200 }), (values) => {
        const sums = new Float64Array(1);
        const overflow = new Map<number, bigint>();
        for (const value of values) addExact(sums, overflow, 0, value);
        expect(exactTotal(sums, overflow, 0)).toBe(values.reduce((total, value) => total + BigInt(value), 0n));
        expect(Number.isSafeInteger(sums[0])).toBe(true);
      }),
    );
  });
});

describe('number parsing from bytes', () => {
  it.each([
    { text: '12', integer: 12, scaled: 12_000_000 },
    { text: '-3', integer: -3, scaled: -3_000_000 },
    { text: '+7', integer: 7, scaled: 7_000_000 },
    { text: '1.5', integer: undefined, scaled: 1_500_000 },
    { text: '-0.000001', integer: undefined, scaled: -1 },
    { text: '0.0000001', integer: undefined, scaled: Number.NaN },
    { text: '123456789.5', integer: undefined, scaled: 123_456_789_500_000 },
    { text: '1234567890.5', integer: undefined, scaled: Number.NaN },
    { text: '999999999999999', integer: 999_999_999_999_999, scaled: Number.NaN },
    { text: '1234567890123456', integer: undefined, scaled: Number.NaN },
    { text: '1,5', integer: undefined, scaled: undefined },
    { text: '1.', integer: undefined, scaled: undefined },
    { text: '.5', integer: undefined, scaled: undefined },
    { text: '-', integer: undefined, scaled: undefined },
    { text: '', integer: undefined, scaled: undefined },
  ])('"$text" reads as integer $integer and as scaled amount $scaled', ({ text, integer, scaled }) => {
    const bytes = bytesOf(`x${text}x`);
    expect(parseSafeInteger(bytes, 1, bytes.length - 1)).toBe(integer);
    expect(parseScaledDecimal(bytes, 1, bytes.length - 1, 6)).toBe(scaled);
  });
});

describe('byte interner and fact table', () => {
  it('gives the same id to the same bytes wherever they sit, even in a reused buffer', () => {
    const interner = new ByteInterner();
    const buffer = bytesOf('R-1,R-22,,R-1');
    const first = interner.id(buffer, 0, 3);
    const empty = interner.id(buffer, 9, 9);
    expect(interner.id(buffer, 10, 13)).toBe(first);
    expect(interner.id(buffer, 4, 8)).not.toBe(first);
    buffer.fill(0);
    expect(interner.id(bytesOf('R-1'), 0, 3)).toBe(first);
    expect(interner.id(bytesOf(''), 0, 0)).toBe(empty);
    expect(interner.values).toEqual(['R-1', '', 'R-22']);
  });

  it('keeps one fact per key tuple while growing', () => {
    const table = new FactTable();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) expect(table.index(i % 7, i, -1, i % 3, 0, -1)).toBe(i);
    }
    expect(table.size).toBe(5000);
  });
});

const products = new Map([
  ['SRV-ML110', { sku: 'SRV-ML110', family: 'SERVER', category: 'HW' }],
  ['STO-1', { sku: 'STO-1', family: 'STORAGE', category: 'HW' }],
  ['NB-1', { sku: 'NB-1', family: 'NOTEBOOK', category: 'HW' }],
  ['SW-1', { sku: 'SW-1', family: 'SOFTWARE', category: 'SW' }],
]);

const lineArb = fc.record({
  distributorId: fc.constantFrom('D1', 'D2', 'Dü'),
  lineId: fc.integer({ min: 1, max: 10 ** 6 }).map(String),
  invoiceDate: fc.constantFrom('2025-12-31', '2026-01-05', '2026-02-28', '2026-03-15', '2026-04-01', '2026-07-30'),
  resellerId: fc.constantFrom('R1', 'R2', 'R3'),
  repId: fc.constantFrom(null, 'U1', 'U2'),
  sku: fc.constantFrom('SRV-ML110', 'STO-1', 'NB-1', 'SW-1', 'XX-9'),
  quantity: fc.oneof(fc.integer({ min: -5, max: 50 }).map(String), fc.constant('12345678901234567')),
  netAmount: fc.oneof(
    fc.integer({ min: -100_000, max: 10_000_000 }).map((cents) => (cents / 100).toFixed(2)),
    fc.constantFrom('0', '-0.000001', '98765432109.123456', '5'),
  ),
  currency: fc.constantFrom('EUR', 'CHF', 'SEK'),
});

function csvLine(line: SellOutLine, order: readonly number[]): string {
  const values = [
    line.distributorId,
    line.lineId,
    line.invoiceDate,
    line.resellerId,
    line.repId ?? '',
    line.sku,
    line.quantity,
    line.netAmount,
    line.currency,
  ];
  return order.map((position) => values[position]).join(',');
}

describe('sell-out lines read as bytes', () => {
  it.each(['cashpaq', '10hoch4', 'channelvalue'])(
    '%s: give exactly the facts and outcomes of the same lines read as strings',
    (name) => {
      const program = loadExample(name);
      // Columns in another order than canonical, to exercise the layout.
      const order = [8, 7, 6, 5, 4, 3, 2, 1, 0];
      fc.assert(
        fc.property(fc.array(lineArb, { maxLength: 60 }), (lines) => {
          const strings = new SellOutAggregator(aggregateSpec(program), scheduleOf(program), products);
          const bytes = new SellOutAggregator(aggregateSpec(program), scheduleOf(program), products);
          bytes.useCsvLayout({ fieldCount: 9, positions: order.map((_, column) => order.indexOf(column)) });
          let declined = 0;
          for (const line of lines) {
            strings.add(line);
            const buffer = bytesOf(`#${csvLine(line, order)}#`);
            if (bytes.addCsvLine(buffer, 1, buffer.length - 1) === undefined) {
              declined++;
              bytes.add(line);
            }
          }
          expect(bytes.facts()).toEqual(strings.facts());
          expect(bytes.outcomes).toEqual(strings.outcomes);
          expect(declined).toBe(
            lines.filter((line) => line.quantity.length > 15 || (name === '10hoch4' && line.netAmount.length > 15))
              .length,
          );
        }),
        { numRuns: 60 },
      );
    },
  );

  it('declines lines it cannot take exactly, counting nothing', () => {
    const program = loadExample('10hoch4');
    const aggregator = new SellOutAggregator(aggregateSpec(program), scheduleOf(program), products);
    aggregator.useCsvLayout({ fieldCount: 9, positions: [0, 1, 2, 3, 4, 5, 6, 7, 8] });
    for (const text of [
      'D1,1,2026-01-05,R1,,NB-1,1,10.00',
      'D1,1,2026-01-05,R1,,NB-1,1,10.00,EUR,extra',
      'D1,,2026-01-05,R1,,NB-1,1,10.00,EUR',
      'D1,1,2026-13-05,R1,,NB-1,1,10.00,EUR',
      'D1,1,2026-01-05,R1,,NB-1,1.5,10.00,EUR',
      'D1,1,2026-01-05,R1,,NB-1,1,10.0000001,EUR',
      'D1,1,2026-01-05,R1,,NB-1,1,10.00,eur',
    ]) {
      const buffer = bytesOf(text);
      expect(aggregator.addCsvLine(buffer, 0, buffer.length)).toBeUndefined();
    }
    expect(aggregator.outcomes.counted + aggregator.outcomes.outside_program).toBe(0);
    expect(aggregator.facts()).toEqual([]);
  });
});
