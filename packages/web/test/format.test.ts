import { describe, expect, it } from 'vitest';
import { createFormatters, DecimalFormatError } from '../src/i18n/format.ts';

// Intl separates thousands with narrow no-break spaces in some locales; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatting in the user locale', () => {
  it.each([
    ['en', '1234567.5', '1,234,567.5'],
    ['de', '1234567.5', '1.234.567,5'],
    ['fr', '1234567.5', '1 234 567,5'],
    ['sv', '-42.125', '−42,125'],
    ['pl', '1234.5', '1234,5'],
  ] as const)('in %s writes the decimal %s as %s', (locale, value, expected) => {
    expect(plain(createFormatters(locale).decimal(value))).toBe(expected);
  });

  it('keeps every digit of amounts too large for a floating-point number', () => {
    expect(createFormatters('en').decimal('12345678901234567890.123456789')).toBe(
      '12,345,678,901,234,567,890.123456789',
    );
  });

  it.each([
    ['de', '2400', 'SEK', '2.400,00 SEK'],
    ['en', '15000.5', 'EUR', '€15,000.50'],
    ['en', '0.125', 'EUR', '€0.125'],
    ['fr', '99', 'EUR', '99,00 €'],
  ] as const)('in %s writes %s %s as %s, never dropping digits', (locale, amount, currency, expected) => {
    expect(plain(createFormatters(locale).money(amount, currency))).toBe(expected);
  });

  it('writes a calendar date as that day in every time zone', () => {
    expect(createFormatters('en').date('2026-01-31')).toBe('Jan 31, 2026');
    expect(createFormatters('de').date('2026-01-31')).toBe('31.01.2026');
  });

  it('writes percentages from exact fractions', () => {
    expect(createFormatters('en').percent('0.037')).toBe('3.7%');
    expect(plain(createFormatters('de').percent('0.75'))).toBe('75 %');
  });

  it.each(['1e5', '12,5', '', 'NaN', '0x10'])('refuses %j as a decimal', (value) => {
    expect(() => createFormatters('en').decimal(value)).toThrow(DecimalFormatError);
  });

  it('refuses a date that is not an ISO calendar date', () => {
    expect(() => createFormatters('en').date('31.01.2026')).toThrow(RangeError);
  });
});
