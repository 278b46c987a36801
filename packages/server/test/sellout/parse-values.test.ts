import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DateFormat } from '../../src/sellout/mapping-profile.ts';
import {
  type NumberStyle,
  PLAIN_NUMBERS,
  parseAmount,
  parseDate,
  parseInteger,
} from '../../src/sellout/parse-values.ts';

const GERMAN: NumberStyle = { decimalComma: true, thousandsSeparator: '.' };
const SWISS: NumberStyle = { decimalComma: false, thousandsSeparator: "'" };

describe('reading invoice dates', () => {
  it.each<[string, DateFormat, string | undefined]>([
    ['2026-03-31', 'YYYY-MM-DD', '2026-03-31'],
    ['31.03.2026', 'DD.MM.YYYY', '2026-03-31'],
    ['1.3.2026', 'D.M.YYYY', '2026-03-01'],
    ['03/31/2026', 'MM/DD/YYYY', '2026-03-31'],
    ['31/03/2026', 'DD/MM/YYYY', '2026-03-31'],
    ['31-03-2026', 'DD-MM-YYYY', '2026-03-31'],
    ['20260331', 'YYYYMMDD', '2026-03-31'],
    ['2026/03/31', 'YYYY/MM/DD', '2026-03-31'],
    ['2028-02-29', 'YYYY-MM-DD', '2028-02-29'],
    ['2026-02-29', 'YYYY-MM-DD', undefined],
    ['2100-02-29', 'YYYY-MM-DD', undefined],
    ['2000-02-29', 'YYYY-MM-DD', '2000-02-29'],
    ['2026-04-31', 'YYYY-MM-DD', undefined],
    ['2026-13-01', 'YYYY-MM-DD', undefined],
    ['2026-00-10', 'YYYY-MM-DD', undefined],
    ['1899-12-31', 'YYYY-MM-DD', undefined],
    ['31.03.2026', 'YYYY-MM-DD', undefined],
    ['03/31/2026', 'DD/MM/YYYY', undefined],
    ['2026-3-31', 'YYYY-MM-DD', undefined],
    [' 2026-03-31', 'YYYY-MM-DD', undefined],
    ['', 'YYYY-MM-DD', undefined],
    ['2026-03-3x', 'YYYY-MM-DD', undefined],
    ['2026/03/31', 'YYYY-MM-DD', undefined],
    ['２０２６-03-31', 'YYYY-MM-DD', undefined],
  ])('%s in %s reads as %s', (text, format, expected) => {
    expect(parseDate(text, format)).toBe(expected);
  });

  it('reads every real date written in any format back to the same day', () => {
    const formats: [DateFormat, (y: string, m: string, d: string) => string][] = [
      ['YYYY-MM-DD', (y, m, d) => `${y}-${m}-${d}`],
      ['DD.MM.YYYY', (y, m, d) => `${d}.${m}.${y}`],
      ['MM/DD/YYYY', (y, m, d) => `${m}/${d}/${y}`],
      ['YYYYMMDD', (y, m, d) => `${y}${m}${d}`],
    ];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...formats),
        (date, [format, write]) => {
          const iso = date.toISOString().slice(0, 10);
          const [y, m, d] = iso.split('-') as [string, string, string];
          expect(parseDate(write(y, m, d), format)).toBe(iso);
        },
      ),
    );
  });

  it('accepts an ISO date exactly when it names a real day between 1900 and 2999', () => {
    // The ISO format is read digit by digit for speed; this pins it to the calendar.
    const digits = (length: number) =>
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
    const isoLike = fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`);
    fc.assert(
      fc.property(fc.oneof(isoLike, fc.string({ maxLength: 12 })), (text) => {
        const date = new Date(`${text}T00:00:00Z`);
        const real =
          /^\d{4}-\d{2}-\d{2}$/.test(text) &&
          !Number.isNaN(date.getTime()) &&
          date.toISOString().slice(0, 10) === text &&
          text >= '1900' &&
          text < '3000';
        expect(parseDate(text, 'YYYY-MM-DD')).toBe(real ? text : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('reading quantities', () => {
  it.each<[string, NumberStyle, string | undefined]>([
    ['3', PLAIN_NUMBERS, '3'],
    ['-2', PLAIN_NUMBERS, '-2'],
    ['+7', PLAIN_NUMBERS, '7'],
    ['007', PLAIN_NUMBERS, '7'],
    ['1.000', GERMAN, '1000'],
    ["12'000", SWISS, '12000'],
    ['2147483647', PLAIN_NUMBERS, '2147483647'],
    ['-2147483648', PLAIN_NUMBERS, '-2147483648'],
    ['2147483648', PLAIN_NUMBERS, undefined],
    ['1.5', PLAIN_NUMBERS, undefined],
    ['1,0', GERMAN, undefined],
    ['1.00', GERMAN, undefined],
    ['three', PLAIN_NUMBERS, undefined],
    ['', PLAIN_NUMBERS, undefined],
    ['-', PLAIN_NUMBERS, undefined],
  ])('%s reads as %s', (text, style, expected) => {
    expect(parseInteger(text, style)).toBe(expected);
  });
});

describe('reading amounts', () => {
  it.each<[string, NumberStyle, string | undefined]>([
    ['2400.00', PLAIN_NUMBERS, '2400.00'],
    ['-99.90', PLAIN_NUMBERS, '-99.90'],
    ['0.000001', PLAIN_NUMBERS, '0.000001'],
    ['2.400,50', GERMAN, '2400.50'],
    ['-1.234.567,89', GERMAN, '-1234567.89'],
    ['99,9', GERMAN, '99.9'],
    ["1'234.50", SWISS, '1234.50'],
    ['-0,00', GERMAN, '0.00'],
    ['100,00', PLAIN_NUMBERS, undefined],
    ['100.00', GERMAN, undefined],
    ['1.23,45', GERMAN, undefined],
    ['12.', PLAIN_NUMBERS, undefined],
    ['.5', PLAIN_NUMBERS, undefined],
    ['1e3', PLAIN_NUMBERS, undefined],
    ['0.0000001', PLAIN_NUMBERS, undefined],
    ['1234567890123456', PLAIN_NUMBERS, undefined],
    ['12 EUR', PLAIN_NUMBERS, undefined],
    ['', PLAIN_NUMBERS, undefined],
  ])('%s reads as %s', (text, style, expected) => {
    expect(parseAmount(text, style)).toBe(expected);
  });

  it('reads any amount written with decimal comma and grouped thousands back exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
        fc.integer({ min: 0, max: 6 }),
        (units, scale) => {
          const negative = units < 0n;
          const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
          const integer = digits.slice(0, digits.length - scale).replace(/^0+(?=\d)/, '');
          if (integer.length > 15) return;
          const fraction = digits.slice(digits.length - scale);
          const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
          const german = `${negative ? '-' : ''}${grouped}${scale ? `,${fraction}` : ''}`;
          const canonical = `${integer}${scale ? `.${fraction}` : ''}`;
          const zero = /^[0.]+$/.test(canonical);
          expect(parseAmount(german, GERMAN)).toBe(`${negative && !zero ? '-' : ''}${canonical}`);
        },
      ),
    );
  });
});
