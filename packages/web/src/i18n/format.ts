import type { LanguageCode } from './languages.ts';

/** A decimal as the API sends it: exact digits in a string, never a float. */
const decimalPattern = /^-?\d+(\.\d+)?$/;

export class DecimalFormatError extends Error {
  readonly code = 'decimal_invalid';
  constructor(readonly value: string) {
    super(`not a decimal number: "${value}"`);
  }
}

function scaleOf(value: string): number {
  if (!decimalPattern.test(value)) throw new DecimalFormatError(value);
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/** ISO dates ('YYYY-MM-DD') are calendar days: format them in UTC so no time zone shifts the day. */
function calendarDay(isoDate: string): Date {
  const day = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new RangeError(`not an ISO date: "${isoDate}"`);
  }
  return day;
}

export interface Formatters {
  /** A decimal string with all its digits (Intl formats numeric strings exactly). */
  decimal(value: string): string;
  /** A money amount in its currency, never dropping digits the amount has. */
  money(amount: string, currency: string): string;
  percent(fraction: string): string;
  date(isoDate: string): string;
  dateTime(isoTimestamp: string): string;
}

/** Number, money and date formatting in the user's locale through Intl. */
export function createFormatters(locale: LanguageCode): Formatters {
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    decimal(value) {
      const scale = scaleOf(value);
      return new Intl.NumberFormat(locale, { minimumFractionDigits: scale, maximumFractionDigits: scale }).format(
        value as Intl.StringNumericLiteral,
      );
    },
    money(amount, currency) {
      const scale = scaleOf(amount);
      const currencyDigits =
        new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
      return new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: currencyDigits,
        maximumFractionDigits: Math.max(currencyDigits, scale),
      }).format(amount as Intl.StringNumericLiteral);
    },
    percent(fraction) {
      const scale = scaleOf(fraction);
      return new Intl.NumberFormat(locale, {
        style: 'percent',
        maximumFractionDigits: Math.min(20, Math.max(0, scale - 2)),
      }).format(fraction as Intl.StringNumericLiteral);
    },
    date: (isoDate) => dateFormat.format(calendarDay(isoDate)),
    dateTime: (isoTimestamp) => dateTimeFormat.format(new Date(isoTimestamp)),
  };
}
