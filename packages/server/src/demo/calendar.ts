/**
 * The demo year: invoices are dated on the business days (Monday to Friday) of 2026, and the
 * CashPaq example program settles in consecutive 30-day periods from 2026-01-01.
 */
export const DEMO_YEAR = 2026;
export const CASHPAQ_START = '2026-01-01';
export const CASHPAQ_PERIOD_DAYS = 30;

const DAY_MS = 86_400_000;

export interface BusinessDay {
  /** ISO date, e.g. 2026-03-02. */
  date: string;
  /** 0 = January. */
  monthIndex: number;
  /** Index of the CashPaq 30-day period the day falls in. */
  cashpaqPeriod: number;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function businessDaysOfDemoYear(): BusinessDay[] {
  const days: BusinessDay[] = [];
  const start = Date.UTC(DEMO_YEAR, 0, 1);
  for (let offset = 0; ; offset++) {
    const day = new Date(start + offset * DAY_MS);
    if (day.getUTCFullYear() !== DEMO_YEAR) break;
    const weekday = day.getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    days.push({
      date: isoDate(day.getTime()),
      monthIndex: day.getUTCMonth(),
      cashpaqPeriod: Math.floor(offset / CASHPAQ_PERIOD_DAYS),
    });
  }
  return days;
}

/** First days of the CashPaq periods that start in the demo year: 2026-01-01, 2026-01-31, 2026-03-02, ... */
export function cashpaqPeriodStarts(): string[] {
  const starts: string[] = [];
  const start = Date.UTC(DEMO_YEAR, 0, 1);
  for (let period = 0; ; period++) {
    const first = start + period * CASHPAQ_PERIOD_DAYS * DAY_MS;
    if (new Date(first).getUTCFullYear() !== DEMO_YEAR) break;
    starts.push(isoDate(first));
  }
  return starts;
}

/** `2026-01` ... `2026-12`. */
export function demoMonths(): string[] {
  return Array.from({ length: 12 }, (_, index) => `${DEMO_YEAR}-${String(index + 1).padStart(2, '0')}`);
}
