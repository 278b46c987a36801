import { REFERENCE_COUNTRIES } from '../masterdata/reference-data.ts';
import { demoMonths } from './calendar.ts';
import { divideRoundHalfUp } from './decimal.ts';
import { DemoRandom } from './random.ts';

/**
 * Monthly EUR rates for every non-EUR currency of the reference countries, in whole millionths
 * of a euro per unit (1 SEK = 0.087000 EUR → 87000). A seeded random walk around realistic
 * levels, with steady depreciation where the currency has it (TRY, EGP).
 */
interface CurrencyPath {
  /** EUR per unit in January, in millionths. */
  january: number;
  /** Trend per month in parts per million. */
  driftPpm: number;
  /** Largest random move per month in parts per million. */
  noisePpm: number;
}

const PATHS: Record<string, CurrencyPath> = {
  AED: { january: 245_000, driftPpm: 0, noisePpm: 8_000 },
  CHF: { january: 1_065_000, driftPpm: 1_000, noisePpm: 6_000 },
  CZK: { january: 39_800, driftPpm: 0, noisePpm: 5_000 },
  DKK: { january: 134_050, driftPpm: 0, noisePpm: 300 },
  EGP: { january: 18_500, driftPpm: -10_000, noisePpm: 10_000 },
  GBP: { january: 1_172_000, driftPpm: 0, noisePpm: 8_000 },
  HUF: { january: 2_520, driftPpm: -1_000, noisePpm: 8_000 },
  ILS: { january: 251_000, driftPpm: 0, noisePpm: 12_000 },
  ISK: { january: 7_100, driftPpm: 0, noisePpm: 8_000 },
  NOK: { january: 85_400, driftPpm: 0, noisePpm: 9_000 },
  PLN: { january: 234_100, driftPpm: 0, noisePpm: 6_000 },
  RON: { january: 196_900, driftPpm: -500, noisePpm: 3_000 },
  RSD: { january: 8_530, driftPpm: 0, noisePpm: 1_000 },
  SAR: { january: 240_000, driftPpm: 0, noisePpm: 8_000 },
  SEK: { january: 87_300, driftPpm: 0, noisePpm: 9_000 },
  TRY: { january: 26_100, driftPpm: -25_000, noisePpm: 10_000 },
  ZAR: { january: 50_200, driftPpm: 0, noisePpm: 15_000 },
};

export interface FxRate {
  /** `YYYY-MM`. */
  month: string;
  currency: string;
  /** EUR per unit in millionths. */
  eurRateMillionths: number;
}

/** Currencies of the reference countries in a fixed order; index 0 is EUR. */
export function demoCurrencies(): string[] {
  const others = [...new Set(REFERENCE_COUNTRIES.map((country) => country.currency))].filter((c) => c !== 'EUR').sort();
  return ['EUR', ...others];
}

/** rates[currencyIndex][monthIndex], with EUR at 1.000000 for every month. */
export function buildFxRates(seed: number): { currencies: string[]; rates: number[][]; list: FxRate[] } {
  const random = new DemoRandom(seed).fork(2);
  const currencies = demoCurrencies();
  const months = demoMonths();
  const rates: number[][] = [];
  const list: FxRate[] = [];
  for (const currency of currencies) {
    if (currency === 'EUR') {
      rates.push(months.map(() => 1_000_000));
      continue;
    }
    const path = PATHS[currency];
    if (!path) throw new Error(`demo FX: no rate path for ${currency}`);
    const byMonth: number[] = [];
    let rate = path.january;
    months.forEach((month, index) => {
      if (index > 0) {
        const movePpm = path.driftPpm + random.between(-path.noisePpm, path.noisePpm);
        rate = Math.max(1, divideRoundHalfUp(rate * (1_000_000 + movePpm), 1_000_000));
      }
      byMonth.push(rate);
      list.push({ month, currency, eurRateMillionths: rate });
    });
    rates.push(byMonth);
  }
  return { currencies, rates, list };
}
