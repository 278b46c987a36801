import { EngineError } from './errors.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** An ISO date `YYYY-MM-DD` as a day number (days since 1970-01-01), or undefined if invalid. */
export function tryDayNumber(isoDate: string): number | undefined {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

export function dayNumber(isoDate: string, path?: string): number {
  const day = tryDayNumber(isoDate);
  if (day === undefined)
    throw new EngineError('invalid_date', `"${isoDate}" is not a valid ISO date (YYYY-MM-DD)`, path);
  return day;
}

export function isoDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return isoDate(dayNumber(date) + days);
}

/** 0 = Monday … 6 = Sunday (ISO). */
export function isoWeekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isValidIsoDate(text: string): boolean {
  return tryDayNumber(text) !== undefined;
}
