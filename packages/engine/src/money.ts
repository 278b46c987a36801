import { Decimal } from './decimal.ts';
import { EngineError } from './errors.ts';

/**
 * Units, currency conversion and rounding: the one place where money changes currency or
 * loses precision.
 */

/** What a program pays in: an ISO 4217 cash currency, `points`, or `credits` (prizes). */
export type ProgramUnit = string;

export function isCashUnit(unit: ProgramUnit): boolean {
  return unit !== 'points' && unit !== 'credits';
}

/** ISO 4217 minor units that differ from 2; points and credits are whole. */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  BHD: 3,
  CLP: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  UGX: 0,
  VND: 0,
  XAF: 0,
  XOF: 0,
};

/** Decimals an amount in `unit` is rounded to: the currency's minor unit; 0 for points and credits. */
export function minorUnits(unit: ProgramUnit): number {
  if (!isCashUnit(unit)) return 0;
  return MINOR_UNITS[unit] ?? 2;
}

/** The final rounding of an earning: half away from zero, or down after a binding budget. */
export function roundEarning(amount: Decimal, unit: ProgramUnit, mode: 'half_away_from_zero' | 'down'): Decimal {
  return amount.round(minorUnits(unit), mode);
}

export function formatAmount(amount: Decimal, unit: ProgramUnit): string {
  return amount.toFixed(minorUnits(unit));
}

/** Whether an amount as `formatAmount` writes it ("0.00", "-0", "0") is zero: outputs list only non-zero earnings. */
export function isZeroAmount(formatted: string): boolean {
  return /^-?0+(\.0+)?$/.test(formatted);
}

/** Monthly FX: 1 unit of `currency` equals `eurRate` EUR for invoices dated in `month` (YYYY-MM). */
export interface FxRate {
  month: string;
  currency: string;
  eurRate: string;
}

/** Looks up monthly EUR rates; EUR itself is always 1. */
export class FxTable {
  private readonly rates = new Map<string, Decimal>();

  constructor(rates: readonly FxRate[]) {
    for (const rate of rates) {
      this.rates.set(
        `${rate.month}|${rate.currency}`,
        Decimal.parse(rate.eurRate, `fx ${rate.month} ${rate.currency}`),
      );
    }
  }

  eurRate(month: string, currency: string): Decimal {
    if (currency === 'EUR') return Decimal.ONE;
    const rate = this.rates.get(`${month}|${currency}`);
    if (rate === undefined) {
      throw new EngineError('fx_rate_missing', `no FX rate for ${currency} in ${month}`);
    }
    return rate;
  }

  /**
   * Converts an amount invoiced in `month` from `from` to `to` through EUR, exactly (no rounding:
   * the earning is rounded once at the end). Returns the rate applied (units of `to` per `from`).
   */
  convert(amount: Decimal, month: string, from: string, to: string): { converted: Decimal; rate: Decimal } {
    if (from === to) return { converted: amount, rate: Decimal.ONE };
    const rate = this.eurRate(month, from).dividedBy(this.eurRate(month, to));
    return { converted: amount.times(rate), rate };
  }
}
