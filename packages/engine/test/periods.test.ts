import { describe, expect, it } from 'vitest';
import { type PeriodSchedule, parsePeriod, periodOf, periodsOf } from '../src/index.ts';

const monthly: PeriodSchedule = { period: { type: 'month' }, start: '2026-01-01' };
const quarterly: PeriodSchedule = { period: { type: 'quarter' }, start: '2026-01-01' };
const weekly: PeriodSchedule = { period: { type: 'week' }, start: '2025-12-29' };
const thirtyDays: PeriodSchedule = { period: { type: 'days', days: 30 }, start: '2026-01-01', end: '2026-12-31' };

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
    [monthly, '2026-03', '2026-03-01'],
    [quarterly, '2026-Q1', '2026-01-01'],
    [quarterly, '2026-02-17', '2026-01-01'],
    [weekly, '2026-W05', '2026-01-26'],
    [thirtyDays, '2026-02-15', '2026-01-31'],
  ] as const)('parses "%s" into the period starting %s', (schedule, text, start) => {
    expect(parsePeriod(schedule, text).start).toBe(start);
  });

  it.each([
    [quarterly, '2026-03', /names a month but the program has quarterly periods/],
    [monthly, '2026-13', /is not a period/],
    [monthly, '2026-02-30', /is not a period/],
    [monthly, 'March', /is not a period/],
    [thirtyDays, '2025-06-01', /outside the program/],
  ] as const)('rejects "%s" with a clear message', (schedule, text, message) => {
    expect(() => parsePeriod(schedule, text)).toThrow(message);
  });

  it('lists every period from the program start', () => {
    expect(periodsOf(quarterly, '2026-08-01').map((p) => p.label)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(periodsOf(thirtyDays, '2027-06-01').at(-1)).toMatchObject({ start: '2026-12-27' });
  });
});
