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

/** The days a reference names, both inclusive; undefined when it is not a valid reference. */
function referencedDays(reference: string): { from: string; to: string } | undefined {
  if (tryDayNumber(reference) !== undefined) return { from: reference, to: reference };
  const month = MONTH_REF.exec(reference);
  if (month) {
    const [year, monthNumber] = [Number(month[1]), Number(month[2])];
    if (monthNumber < 1 || monthNumber > 12) return undefined;
    return {
      from: `${month[1]}-${month[2]}-01`,
      to: `${month[1]}-${month[2]}-${pad(lastDayOfMonth(year, monthNumber))}`,
    };
  }
  const quarter = QUARTER_REF.exec(reference);
  if (quarter) {
    const firstMonth = (Number(quarter[2]) - 1) * 3 + 1;
    const lastMonth = firstMonth + 2;
    const year = Number(quarter[1]);
    return {
      from: `${quarter[1]}-${pad(firstMonth)}-01`,
      to: `${quarter[1]}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
    };
  }
  const week = WEEK_REF.exec(reference);
  if (week) {
    const weekNumber = Number(week[2]);
    const jan4 = dayNumber(`${week[1]}-01-04`);
    const monday = jan4 - isoWeekday(jan4) + (weekNumber - 1) * 7;
    if (weekNumber < 1 || weekNumber > 53 || isoWeekOf(monday).week !== weekNumber) return undefined;
    return { from: isoDate(monday), to: isoDate(monday + 6) };
  }
  return undefined;
}

function describeKind(kind: PeriodKind): string {
  return kind.type === 'days' ? `${kind.days}-day periods` : `${kind.type}ly periods`;
}

function describePeriod(period: Period): string {
  const days = `${period.start}..${period.end}`;
  return period.label === days ? days : `${period.label} (${days})`;
}

const COUNT_WORDS = ['', 'one', 'two', 'three', 'four', 'five', 'six'];

/**
 * Resolves what a user typed to a program period: `2026-03`, `2026-Q1`, `2026-W05` or an ISO
 * date. A month, quarter or week names the one program period that contains all of its days
 * (inside the program dates); one that spans several periods is refused, naming them.
 */
export function parsePeriod(schedule: PeriodSchedule, text: string): Period {
  const reference = text.trim();
  const days = referencedDays(reference);
  if (days === undefined) {
    throw new EngineError(
      'invalid_period',
      `"${text}" is not a period: use YYYY-MM, YYYY-Qn, YYYY-Www or an ISO date inside the period`,
    );
  }
  // Only the days the program runs count: a month cut by the program start still names one period.
  const from = days.from < schedule.start ? schedule.start : days.from;
  const to = schedule.end !== undefined && schedule.end < days.to ? schedule.end : days.to;
  if (from > to) {
    throw new EngineError(
      'period_outside_program',
      `"${text}" lies outside the program (${schedule.start}..${schedule.end ?? 'open end'})`,
    );
  }
  const candidates: Period[] = [];
  for (let cursor = from; cursor <= to; ) {
    const period = periodContaining(schedule.period, cursor, schedule.start);
    candidates.push(period);
    cursor = addDays(period.end, 1);
  }
  const [only] = candidates;
  if (only !== undefined && candidates.length === 1) return only;
  const listed = candidates.map(describePeriod);
  throw new EngineError(
    'invalid_period',
    `"${text}" spans ${COUNT_WORDS[candidates.length] ?? candidates.length} periods of the program (${describeKind(schedule.period)}): ` +
      `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}; name a date inside the wanted period instead`,
  );
}

/** The period schedule of a program, for `periodOf`, `periodsOf` and `parsePeriod`. */
export function scheduleOf(program: Program): PeriodSchedule {
  return { period: program.period, start: program.start, end: program.end };
}
