import { addDays, dayNumber, isoDate, isoWeekday, tryDayNumber } from './dates.ts';
import { EngineError } from './errors.ts';
import type { Program } from './program-schema.ts';

/** How a program cuts time into settlement periods. */
export type PeriodKind = { type: 'month' } | { type: 'quarter' } | { type: 'week' } | { type: 'days'; days: number };

/** One settlement period: ISO dates, both inclusive. */
export interface Period {
  start: string;
  end: string;
  /** Human label: `2026-03`, `2026-Q1`, `2026-W05`, or `2026-01-01..2026-01-30`. */
  label: string;
}

export interface PeriodSchedule {
  period: PeriodKind;
  /** Program start date (first day counted); N-day periods count from here. */
  start: string;
  /** Program end date, inclusive, if any. */
  end?: string | undefined;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function ymd(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoWeekOf(day: number): { year: number; week: number; monday: number } {
  const monday = day - isoWeekday(day);
  const thursday = monday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan4 = dayNumber(`${year}-01-04`);
  const week1Monday = jan4 - isoWeekday(jan4);
  return { year, week: (monday - week1Monday) / 7 + 1, monday };
}

/**
 * The calendar period of `kind` that contains `date`, ignoring program start and end.
 * For N-day periods the `anchor` (program start) fixes where periods begin.
 */
function periodContaining(kind: PeriodKind, date: string, anchor: string): Period {
  const [year, month] = ymd(date);
  switch (kind.type) {
    case 'month': {
      const start = `${year}-${pad(month)}-01`;
      return {
        start,
        end: `${year}-${pad(month)}-${pad(lastDayOfMonth(year, month))}`,
        label: `${year}-${pad(month)}`,
      };
    }
    case 'quarter': {
      const quarter = Math.floor((month - 1) / 3) + 1;
      const firstMonth = (quarter - 1) * 3 + 1;
      const lastMonth = firstMonth + 2;
      return {
        start: `${year}-${pad(firstMonth)}-01`,
        end: `${year}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
        label: `${year}-Q${quarter}`,
      };
    }
    case 'week': {
      const { year: weekYear, week, monday } = isoWeekOf(dayNumber(date));
      return { start: isoDate(monday), end: isoDate(monday + 6), label: `${weekYear}-W${pad(week)}` };
    }
    case 'days': {
      const offset = dayNumber(date) - dayNumber(anchor);
      const index = Math.floor(offset / kind.days);
      const first = dayNumber(anchor) + index * kind.days;
      const start = isoDate(first);
      const end = isoDate(first + kind.days - 1);
      return { start, end, label: `${start}..${end}` };
    }
  }
}

/**
 * The program period an invoice date falls into, or undefined when the date lies before the
 * program start or after its end (such lines count for no period).
 */
export function periodOf(schedule: PeriodSchedule, date: string): Period | undefined {
  const day = tryDayNumber(date);
  if (day === undefined) throw new EngineError('invalid_date', `"${date}" is not a valid ISO date (YYYY-MM-DD)`);
  if (day < dayNumber(schedule.start)) return undefined;
  if (schedule.end !== undefined && day > dayNumber(schedule.end)) return undefined;
  return periodContaining(schedule.period, date, schedule.start);
}

/** Every period from the program start through `until` (or the program end, whichever is first). */
export function periodsOf(schedule: PeriodSchedule, until: string): Period[] {
  const last = schedule.end !== undefined && schedule.end < until ? schedule.end : until;
  const periods: Period[] = [];
  let cursor = schedule.start;
  while (cursor <= last) {
    const period = periodContaining(schedule.period, cursor, schedule.start);
    periods.push(period);
    cursor = addDays(period.end, 1);
  }
  return periods;
}

const MONTH_REF = /^(\d{4})-(\d{2})$/;
const QUARTER_REF = /^(\d{4})-Q([1-4])$/;
const WEEK_REF = /^(\d{4})-W(\d{2})$/;

function describeKind(kind: PeriodKind): string {
  return kind.type === 'days' ? `${kind.days}-day periods` : `${kind.type}ly periods`;
}

/**
 * Resolves what a user typed to a program period: `2026-03` (monthly programs), `2026-Q1`
 * (quarterly), `2026-W05` (weekly), or any ISO date inside the period (every kind).
 */
export function parsePeriod(schedule: PeriodSchedule, text: string): Period {
  const reference = text.trim();
  let date: string | undefined;
  let expected: PeriodKind['type'] | undefined;
  const month = MONTH_REF.exec(reference);
  const quarter = QUARTER_REF.exec(reference);
  const week = WEEK_REF.exec(reference);
  if (tryDayNumber(reference) !== undefined) {
    date = reference;
  } else if (month) {
    const monthNumber = Number(month[2]);
    if (monthNumber >= 1 && monthNumber <= 12) date = `${month[1]}-${month[2]}-01`;
    expected = 'month';
  } else if (quarter) {
    date = `${quarter[1]}-${pad((Number(quarter[2]) - 1) * 3 + 1)}-01`;
    expected = 'quarter';
  } else if (week) {
    const weekNumber = Number(week[2]);
    const jan4 = dayNumber(`${week[1]}-01-04`);
    const monday = jan4 - isoWeekday(jan4) + (weekNumber - 1) * 7;
    if (weekNumber >= 1 && weekNumber <= 53 && isoWeekOf(monday).week === weekNumber) date = isoDate(monday);
    expected = 'week';
  }
  if (date === undefined) {
    throw new EngineError(
      'invalid_period',
      `"${text}" is not a period: use YYYY-MM, YYYY-Qn, YYYY-Www or an ISO date inside the period`,
    );
  }
  if (expected !== undefined && expected !== schedule.period.type) {
    throw new EngineError(
      'invalid_period',
      `"${text}" names a ${expected} but the program has ${describeKind(schedule.period)}; give an ISO date inside the wanted period instead`,
    );
  }
  const period = periodOf(schedule, date);
  if (period === undefined) {
    throw new EngineError(
      'period_outside_program',
      `"${text}" lies outside the program (${schedule.start}..${schedule.end ?? 'open end'})`,
    );
  }
  return period;
}

/** The period schedule of a program, for `periodOf`, `periodsOf` and `parsePeriod`. */
export function scheduleOf(program: Program): PeriodSchedule {
  return { period: program.period, start: program.start, end: program.end };
}
