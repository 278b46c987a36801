import type { RowErrorCode, RowErrorList } from './import-errors.ts';

/** Largest digit counts a NUMERIC(precision, scale) column holds, so no value is rounded silently. */
export interface DecimalLimits {
  integerDigits: number;
  fractionDigits: number;
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;
// Deliberately loose (RFC 5322 is not worth it): one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * Reads the fields of one row, recording every bad value (field, value, reason) instead of
 * stopping at the first, so a user fixes a file in one pass. `valid` is false after any error.
 */
export class RowFields {
  valid = true;
  constructor(
    private readonly values: Readonly<Record<string, string>>,
    readonly line: number,
    private readonly errors: RowErrorList,
    /** XLSX columns whose cell was a real number or date. */
    private readonly typedColumns: ReadonlySet<string> = new Set(),
  ) {}

  raw(field: string): string {
    return (this.values[field] ?? '').trim();
  }

  fail(field: string, value: string, reason: string, code: RowErrorCode = 'invalid_value'): undefined {
    this.valid = false;
    this.errors.add(this.line, code, field, value, reason);
    return undefined;
  }

  /** A value that must be present. */
  text(field: string): string | undefined {
    const value = this.raw(field);
    return value === '' ? this.fail(field, value, 'is required', 'missing_value') : value;
  }

  /** A value that may be empty; empty becomes null. */
  optionalText(field: string): string | null {
    const value = this.raw(field);
    return value === '' ? null : value;
  }

  oneOf<const T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const found = allowed.find((option) => option === value.toLowerCase());
    return found ?? this.fail(field, value, `must be one of ${allowed.join(', ')}`);
  }

  /** `true` or `false`, any case (spreadsheets write TRUE/FALSE). */
  boolean(field: string): boolean | undefined {
    const value = this.raw(field);
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return this.fail(field, value, 'must be true or false', value === '' ? 'missing_value' : 'invalid_value');
  }

  /** ISO 3166-1 alpha-2, upper-cased. */
  countryCode(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    return /^[A-Za-z]{2}$/.test(value)
      ? value.toUpperCase()
      : this.fail(field, value, 'must be a two-letter country code such as DE');
  }

  /** ISO 4217, upper-cased. */
  currencyCode(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    return /^[A-Za-z]{3}$/.test(value)
      ? value.toUpperCase()
      : this.fail(field, value, 'must be a three-letter currency code such as EUR');
  }

  /** ISO 639-1 (or 639-2) language, optionally with a region: de, en-GB. */
  language(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    return LANGUAGE.test(value) ? value : this.fail(field, value, 'must be a language code such as de or en-GB');
  }

  email(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    return EMAIL.test(value) && value.length <= 254
      ? value
      : this.fail(field, value, 'must be an e-mail address such as anna@example.com');
  }

  /** A calendar date YYYY-MM-DD that exists. */
  isoDate(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const match = ISO_DATE.exec(value);
    if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
      return this.fail(field, value, 'must be a date YYYY-MM-DD that exists');
    }
    return value;
  }

  /** A month YYYY-MM, returned as its first day (how the database stores months). */
  month(field: string): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    // Spreadsheets turn a typed 2026-03 into a date cell: its first day means the month.
    const monthText = this.typedColumns.has(field) && /^\d{4}-\d{2}-01$/.test(value) ? value.slice(0, 7) : value;
    const match = MONTH.exec(monthText);
    if (!match || !isCalendarDate(Number(match[1]), Number(match[2]), 1)) {
      return this.fail(field, value, 'must be a month YYYY-MM');
    }
    return `${monthText}-01`;
  }

  /**
   * An exact non-negative decimal with a dot, in canonical form (no leading or trailing zeros),
   * never through floating point. Rejects more digits than the column keeps instead of rounding.
   */
  decimal(field: string, limits: DecimalLimits): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const match = DECIMAL.exec(value);
    if (!match) return this.fail(field, value, 'must be a decimal number with a dot, such as 1234.5');
    const canonical = canonicalDecimal(value);
    const [integerPart, fractionPart = ''] = canonical.split('.');
    if (fractionPart.length > limits.fractionDigits) {
      return this.fail(field, value, `has more than ${limits.fractionDigits} decimal places`);
    }
    if (integerPart!.length > limits.integerDigits) {
      return this.fail(field, value, `has more than ${limits.integerDigits} digits before the decimal point`);
    }
    return canonical;
  }
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** '007.50' → '7.5', '3.000' → '3', '0.0' → '0': one spelling per value, so equal values compare equal. */
export function canonicalDecimal(decimal: string): string {
  const negative = decimal.startsWith('-');
  const unsigned = negative ? decimal.slice(1) : decimal;
  const [integerPart = '', fractionPart = ''] = unsigned.split('.');
  const integer = integerPart.replace(/^0+(?=\d)/, '') || '0';
  const fraction = fractionPart.replace(/0+$/, '');
  const body = fraction ? `${integer}.${fraction}` : integer;
  return negative && body !== '0' ? `-${body}` : body;
}

export function isZeroDecimal(canonical: string): boolean {
  return canonical === '0';
}
