import { LedgerError } from './errors.ts';

export type UnitKind = 'cash' | 'points' | 'credits';

export interface LedgerUnit {
  unit: string;
  kind: UnitKind;
  /** Digits after the decimal point; amounts are stored as integers of 10^-scale. */
  scale: number;
}

// ISO 4217 currencies whose minor unit is not 2 digits; every other currency has 2.
const ISO_4217_MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** The declared unit of `unit`: an ISO 4217 currency code, `points` or `credits`. */
export function ledgerUnit(unit: string): LedgerUnit {
  if (unit === 'points' || unit === 'credits') return { unit, kind: unit, scale: 0 };
  if (/^[A-Z]{3}$/.test(unit) && knownCurrencies.has(unit)) {
    return { unit, kind: 'cash', scale: ISO_4217_MINOR_UNIT_EXCEPTIONS[unit] ?? 2 };
  }
  throw new LedgerError(
    'invalid_unit',
    `unknown unit "${unit}": expected an ISO 4217 currency code, points or credits`,
    {
      unit,
    },
  );
}

/**
 * Parses a decimal string ('12.5', '-3', '0.125') into integer minor units of `unit`. More digits
 * than the unit's scale is an error: the ledger never rounds (rounding happens once, upstream).
 */
export function toMinorUnits(amount: string, unit: string, field = 'amount'): bigint {
  const { scale } = ledgerUnit(unit);
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) {
    throw new LedgerError('invalid_amount', `${field} "${amount}" is not a decimal number`, { field, value: amount });
  }
  const [, sign, whole, fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > scale) {
    throw new LedgerError(
      'amount_precision',
      `${field} "${amount}" has more than ${scale} decimal place(s), the scale of ${unit}`,
      { field, value: amount, unit },
    );
  }
  const minor = BigInt(whole! + significant.padEnd(scale, '0'));
  return sign === '-' ? -minor : minor;
}

/** Formats integer minor units as a decimal string with exactly the unit's scale ('12.50'). */
export function formatMinorUnits(minor: bigint, unit: string): string {
  const { scale } = ledgerUnit(unit);
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}
