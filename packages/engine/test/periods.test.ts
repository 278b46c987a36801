import { describe, expect, it } from 'vitest';
import { type PeriodSchedule, parsePeriod, periodOf, periodsOf } from '../src/index.ts';

const monthly: PeriodSchedule = { period: { type: 'month' }, start: '2026-01-01' };
const quarterly: PeriodSchedule = { period: { type: 'quarter' }, start: '2026-01-01' };
const weekly: PeriodSchedule = { period: { type: 'week' }, start: '2025-12-29' };
const thirtyDays: PeriodSchedule = { period: { type: 'days', days: 30 }, start: '2026-01-01', end: '2026-12-31' };
const lateStartMonthly: PeriodSchedule = { period: { type: 'month' }, start: '2026-01-15' };
const lateStartQuarterly: PeriodSchedule = { period: { type: 'quarter' }, start: '2026-02-15' };
// The program ends on 1 March, the last day of its second 30-day period: March keeps one day.
const endingThirtyDays: PeriodSchedule = { period: { type: 'days', days: 30 }, start: '2026-01-01', end: '2026-03-01' };
const schedules = { monthly, quarterly, weekly, thirtyDays, lateStartMonthly, lateStartQuarterly, endingThirtyDays };

describe('periods', () => {
  it.each([
    [monthly, '2026-02-28', '2026-02-01', '2026-02-28', '2026-02'],
    [monthly, '2028-02-29', '2028-02-01', '2028-02-29', '2028-02'],
    [quarterly, '2026-05-15', '2026-04-01', '2026-06-30', '2026-Q2'],
    [quarterly, '2026-12-31', '2026-10-01', '2026-12-31', '2026-Q4'],
    [weekly, '2026-01-01', '2025-12-29', '2026-01-04', '2026-W01'],
    [weekly, '2026-02-01', '2026-01-26', '2026-02-01', '2026-W05'],
    [thirtyDays, '2026-01-30', '2026-01-01', '2026-01-30', '2026-01-01..2026-01-30'],
    [thirtyDays, '2026-01-31', '2026-01-31', '2026-03-01', '2026-01-31..2026-03-01'],
  ] as const)('the period of %o containing %s is %s..%s (%s)', (schedule, date, start, end, label) => {
    expect(periodOf(schedule, date)).toEqual({ start, end, label });
  });

  it('a date before the program start or after its end has no period', () => {
    expect(periodOf(thirtyDays, '2025-12-31')).toBeUndefined();
    expect(periodOf(thirtyDays, '2027-01-01')).toBeUndefined();
  });

  it.each([
    ['monthly', '2026-03', '2026-03-01'],
    ['monthly', '2026-03-17', '2026-03-01'],
    ['monthly', '2026-W03', '2026-01-01'],
    ['quarterly', '2026-Q1', '2026-01-01'],
    ['quarterly', '2026-02-17', '2026-01-01'],
    ['quarterly', '2026-03', '2026-01-01'],
    ['quarterly', '2026-W10', '2026-01-01'],
    ['quarterly', '2026-08', '2026-07-01'],
    ['weekly', '2026-W05', '2026-01-26'],
    ['weekly', '2026-01-28', '2026-01-26'],
    ['thirtyDays', '2026-02-15', '2026-01-31'],
    ['thirtyDays', '2026-04', '2026-04-01'],
    ['thirtyDays', '2026-W10', '2026-03-02'],
    ['lateStartMonthly', '2026-01', '2026-01-01'],
    ['lateStartQuarterly', '2026-Q1', '2026-01-01'],
    ['lateStartQuarterly', '2026-03', '2026-01-01'],
    ['endingThirtyDays', '2026-03', '2026-01-31'],
  ] as const)('a %s program resolves "%s" to the period starting %s', (schedule, text, start) => {
    expect(parsePeriod(schedules[schedule], text).start).toBe(start);
  });

  it.each([
    [
      'thirtyDays',
      '2026-03',
      '"2026-03" spans two periods of the program (30-day periods): 2026-01-31..2026-03-01 and 2026-03-02..2026-03-31; name a date inside the wanted period instead',
    ],
    [
      'thirtyDays',
      '2026-Q1',
      '"2026-Q1" spans three periods of the program (30-day periods): 2026-01-01..2026-01-30, 2026-01-31..2026-03-01 and 2026-03-02..2026-03-31; name a date inside the wanted period instead',
    ],
    [
      'monthly',
      '2026-Q1',
      '"2026-Q1" spans three periods of the program (monthly periods): 2026-01 (2026-01-01..2026-01-31), 2026-02 (2026-02-01..2026-02-28) and 2026-03 (2026-03-01..2026-03-31); name a date inside the wanted period instead',
    ],
    [
      'monthly',
      '2026-W05',
      '"2026-W05" spans two periods of the program (monthly periods): 2026-01 (2026-01-01..2026-01-31) and 2026-02 (2026-02-01..2026-02-28); name a date inside the wanted period instead',
    ],
    [
      'quarterly',
      '2026-W14',
      '"2026-W14" spans two periods of the program (quarterly periods): 2026-Q1 (2026-01-01..2026-03-31) and 2026-Q2 (2026-04-01..2026-06-30); name a date inside the wanted period instead',
    ],
    [
      'weekly',
      '2026-02',
      '"2026-02" spans five periods of the program (weekly periods): 2026-W05 (2026-01-26..2026-02-01), 2026-W06 (2026-02-02..2026-02-08), 2026-W07 (2026-02-09..2026-02-15), 2026-W08 (2026-02-16..2026-02-22) and 2026-W09 (2026-02-23..2026-03-01); name a date inside the wanted period instead',
    ],
  ] as const)(
    'a %s program refuses "%s", which spans several of its periods, naming them',
    (schedule, text, message) => {
      expect(() => parsePeriod(schedules[schedule], text)).toThrow(message);
    },
  );

  it.each([
    ['monthly', '2026-13', /is not a period/],
    ['monthly', '2026-00', /is not a period/],
    ['monthly', '2026-02-30', /is not a period/],
    ['monthly', '2026-W54', /is not a period/],
    ['monthly', '2027-W53', /is not a period/],
    ['monthly', 'March', /is not a period/],
    ['thirtyDays', '2025-06-01', /outside the program/],
    ['thirtyDays', '2025-12', /outside the program/],
    ['lateStartQuarterly', '2026-01', /outside the program/],
    ['lateStartQuarterly', '2025-Q4', /outside the program/],
  ] as const)('a %s program rejects "%s" with a clear message', (schedule, text, message) => {
    expect(() => parsePeriod(schedules[schedule], text)).toThrow(message);
  });

  it('lists every period from the program start', () => {
    expect(periodsOf(quarterly, '2026-08-01').map((p) => p.label)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(periodsOf(thirtyDays, '2027-06-01').at(-1)).toMatchObject({ start: '2026-12-27' });
  });
});
