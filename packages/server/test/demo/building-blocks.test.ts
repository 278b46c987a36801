import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDaysOfDemoYear, cashpaqPeriodStarts } from '../../src/demo/calendar.ts';
import { buildChannel } from '../../src/demo/channel.ts';
import { divideRoundHalfUp, formatCents, formatMillionths } from '../../src/demo/decimal.ts';
import { buildFxRates } from '../../src/demo/fx-rates.ts';
import { cumulativeWeights, DemoRandom } from '../../src/demo/random.ts';
import { localListPrices, SELLOUT_HEADER, sellOutChunks } from '../../src/demo/sellout.ts';

/** Reference formatting through BigInt, independent of the code under test. */
function centsByBigInt(cents: bigint): string {
  const magnitude = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

describe('exact decimals from integers', () => {
  it('formats whole cents exactly like a BigInt reference', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (cents) => {
        expect(formatCents(cents)).toBe(centsByBigInt(BigInt(cents)));
      }),
    );
  });

  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [-5, '-0.05'],
    [123456, '1234.56'],
    [-100, '-1.00'],
  ])('formats %i cents as %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it.each([
    [87_125, '0.087125'],
    [2_520, '0.002520'],
    [1_065_000, '1.065000'],
  ])('formats a rate of %i millionths as %s', (millionths, text) => {
    expect(formatMillionths(millionths)).toBe(text);
  });

  it('divides rounding half up exactly like a BigInt reference', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 1, max: 2 ** 30 }), (dividend, divisor) => {
        const expected = (BigInt(dividend) * 2n + BigInt(divisor)) / (BigInt(divisor) * 2n);
        expect(divideRoundHalfUp(dividend, divisor)).toBe(Number(expected));
      }),
    );
  });

  it('refuses a division whose operands are not exact whole numbers', () => {
    expect(() => divideRoundHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(2 ** 53, 3)).toThrow(RangeError);
  });
});

describe('the seeded random generator', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = new DemoRandom(seed);
      return Array.from({ length: 20 }, () => random.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws indexes inside the weight table and never one whose weight is zero', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 })
          .filter((w) => w.some((x) => x > 0)),
        fc.integer({ min: 0, max: 0xffffffff }),
        (weights, seed) => {
          const table = cumulativeWeights(weights);
          const random = new DemoRandom(seed);
          for (let draw = 0; draw < 50; draw++) {
            const index = random.pickIndex(table);
            expect(weights[index]).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('keeps below(n) inside [0, n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 21 }), fc.integer({ min: 0, max: 0xffffffff }), (n, seed) => {
        const value = new DemoRandom(seed).below(n);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(n);
      }),
    );
  });
});

describe('the demo calendar', () => {
  it('dates invoices on the 261 weekdays of 2026', () => {
    const days = businessDaysOfDemoYear();
    expect(days).toHaveLength(261);
    expect(days[0]).toEqual({ date: '2026-01-01', monthIndex: 0, cashpaqPeriod: 0 });
    expect(days.at(-1)!.date).toBe('2026-12-31');
    expect(days.some((day) => day.date === '2026-01-03')).toBe(false);
  });

  it('starts CashPaq periods every 30 days from 2026-01-01', () => {
    expect(cashpaqPeriodStarts()).toEqual([
      '2026-01-01',
      '2026-01-31',
      '2026-03-02',
      '2026-04-01',
      '2026-05-01',
      '2026-05-31',
      '2026-06-30',
      '2026-07-30',
      '2026-08-29',
      '2026-09-28',
      '2026-10-28',
      '2026-11-27',
      '2026-12-27',
    ]);
  });
});

describe('streamed sell-out', () => {
  const channel = buildChannel(1);
  const fx = buildFxRates(1);
  const options = {
    seed: 1,
    localListCents: localListPrices(fx.rates),
    currencyIndex: new Map(fx.currencies.map((currency, index) => [currency, index])),
  };

  it('produces lines lazily in bounded chunks, so a huge request holds nothing in memory', () => {
    const chunks = sellOutChunks(channel, { ...options, lines: 1_000_000_000_000 });
    expect(chunks.next().value).toBe(SELLOUT_HEADER);
    const first = chunks.next().value as string;
    expect(first.split('\n').length - 1).toBe(4096);
    chunks.return(undefined);
  });

  it('ends every chunk at a line boundary, ready for COPY', () => {
    for (const chunk of sellOutChunks(channel, { ...options, lines: 10_000 })) expect(chunk.endsWith('\n')).toBe(true);
  });

  it('gives the same lines for the same seed and line count whatever the chunking of the reader', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 1000 }), (lines, seed) => {
        const once = [...sellOutChunks(channel, { ...options, seed, lines })].join('');
        const twice = [...sellOutChunks(channel, { ...options, seed, lines })].join('');
        expect(twice).toBe(once);
        expect(once.split('\n').length - 2).toBe(lines);
      }),
      { numRuns: 20 },
    );
  });
});

describe('the demo channel', () => {
  it('has, for any seed, gold and platinum resellers and an individual agreement in each DACH country', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const { resellers } = buildChannel(seed);
        for (const country of ['DE', 'AT', 'CH']) {
          const local = resellers.filter((reseller) => reseller.country.code === country);
          expect(local.some((reseller) => reseller.level === 'gold')).toBe(true);
          expect(local.some((reseller) => reseller.level === 'platinum')).toBe(true);
          expect(local.some((reseller) => reseller.individualAgreement)).toBe(true);
        }
        expect(resellers.find((reseller) => reseller.partnerId === 'R-DE-0001')?.level).toBe('gold');
        expect(resellers.find((reseller) => reseller.partnerId === 'R-SE-0001')?.country.code).toBe('SE');
      }),
      { numRuns: 5 },
    );
  });
});
