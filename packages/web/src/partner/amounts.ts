import type { Formatters } from '../i18n/format.ts';

/** An amount in a program unit: currencies with their symbol, points and credits as plain numbers. */
export function formatUnitAmount(format: Formatters, amount: string, unit: string): string {
  return /^[A-Z]{3}$/.test(unit) ? format.money(amount, unit) : `${format.decimal(amount)} ${unit}`;
}

/** The day after an ISO date (the start of the next period). */
export function nextDay(isoDate: string): string {
  const day = new Date(`${isoDate}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}
