import type { DateFormat } from './mapping-profile.ts';

interface DatePattern {
  regex: RegExp;
  /** Capture group of year, month and day. */
  order: [year: number, month: number, day: number];
}

const DATE_PATTERNS: Record<DateFormat, DatePattern> = {
  'YYYY-MM-DD': { regex: /^(\d{4})-(\d{2})-(\d{2})$/, order: [1, 2, 3] },
  'DD.MM.YYYY': { regex: /^(\d{2})\.(\d{2})\.(\d{4})$/, order: [3, 2, 1] },
  'D.M.YYYY': { regex: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
  'DD/MM/YYYY': { regex: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: [3, 2, 1] },
  'MM/DD/YYYY': { regex: /^(\d{2})\/(\d{2})\/(\d{4})$/, order: [3, 1, 2] },
  'DD-MM-YYYY': { regex: /^(\d{2})-(\d{2})-(\d{4})$/, order: [3, 2, 1] },
  YYYYMMDD: { regex: /^(\d{4})(\d{2})(\d{2})$/, order: [1, 2, 3] },
  'YYYY/MM/DD': { regex: /^(\d{4})\/(\d{2})\/(\d{2})$/, order: [1, 2, 3] },
};

/** Dates outside this range are typing errors in a sell-out report, not real invoices. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

/** Parses a date written in `format` into 'YYYY-MM-DD'; undefined when it is not a real date. */
export function parseDate(text: string, format: DateFormat): string | undefined {
  if (format === 'YYYY-MM-DD') return parseIsoDate(text);
  const pattern = DATE_PATTERNS[format];
  const match = pattern.regex.exec(text);
  if (!match) return undefined;
  const year = Number(match[pattern.order[0]]);
  const month = Number(match[pattern.order[1]]);
  const day = Number(match[pattern.order[2]]);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ZERO = 48;

/** The digit at `index` of `text` as a number, or -1 when it is not a digit. */
function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - ZERO;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/** The two-digit number at `index`, or -1. */
function number2(text: string, index: number): number {
  const tens = digitAt(text, index);
  const ones = digitAt(text, index + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

/** The four-digit number at `index`, or -1. */
function number4(text: string, index: number): number {
  const high = number2(text, index);
  const low = number2(text, index + 2);
  return high < 0 || low < 0 ? -1 : high * 100 + low;
}

/**
 * 'YYYY-MM-DD', the canonical format and most of the millions of rows of a large import: read digit
 * by digit and given back as is, without a regular expression match or a new string per row.
 */
function parseIsoDate(text: string): string | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = number4(text, 0);
  const month = number2(text, 5);
  const day = number2(text, 8);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return undefined;
  return day > daysInMonth(year, month) ? undefined : text;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export interface NumberStyle {
  decimalComma: boolean;
  thousandsSeparator: '' | '.' | ',' | ' ' | "'";
}

export const PLAIN_NUMBERS: NumberStyle = { decimalComma: false, thousandsSeparator: '' };

const INT32_MAX = 2_147_483_647n;
/** NUMERIC has no limit; these keep amounts sane (a quadrillion, and micro-units). */
const MAX_INTEGER_DIGITS = 15;
const MAX_FRACTION_DIGITS = 6;

const plainInteger = /^[+-]?\d{1,9}$/;
const plainAmount = /^-?\d{1,15}(\.\d{1,6})?$/;

/** Parses a whole number (a quantity) into its canonical text; undefined when it is not one. */
export function parseInteger(text: string, style: NumberStyle): string | undefined {
  if (plainInteger.test(text)) return String(Number(text));
  const parts = splitNumber(text, style);
  if (parts === undefined) return undefined;
  if (parts.fraction !== '') return undefined;
  const value = BigInt(parts.sign + parts.integer);
  if (value > INT32_MAX || value < -INT32_MAX - 1n) return undefined;
  return value.toString();
}

/** Parses a decimal amount into canonical text ('-1234.5'); exact, never through a float. */
export function parseAmount(text: string, style: NumberStyle): string | undefined {
  if (!style.decimalComma && plainAmount.test(text)) return text;
  const parts = splitNumber(text, style);
  if (!parts) return undefined;
  if (parts.integer.length > MAX_INTEGER_DIGITS || parts.fraction.length > MAX_FRACTION_DIGITS) return undefined;
  return parts.sign + parts.integer + (parts.fraction ? `.${parts.fraction}` : '');
}

interface NumberParts {
  sign: '' | '-';
  integer: string;
  fraction: string;
}

function splitNumber(text: string, style: NumberStyle): NumberParts | undefined {
  let rest = text;
  let sign: '' | '-' = '';
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest[0] === '-' ? '-' : '';
    rest = rest.slice(1);
  }
  const decimalMark = style.decimalComma ? ',' : '.';
  const [integerText = '', fraction = '', ...more] = rest.split(decimalMark);
  if (more.length > 0 || !/^\d*$/.test(fraction)) return undefined;
  if (rest.includes(decimalMark) && fraction === '') return undefined;
  let integer = integerText;
  const separator = style.thousandsSeparator;
  if (separator !== '' && integer.includes(separator)) {
    const groups = integer.split(separator);
    const [first = '', ...others] = groups;
    if (!/^\d{1,3}$/.test(first) || others.some((group) => !/^\d{3}$/.test(group))) return undefined;
    integer = groups.join('');
  }
  if (!/^\d+$/.test(integer)) return undefined;
  integer = integer.replace(/^0+(?=\d)/, '');
  if (sign === '-' && /^0+$/.test(integer) && /^0*$/.test(fraction)) sign = '';
  return { sign, integer, fraction };
}
