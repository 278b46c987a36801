import { Decimal } from '../decimal.ts';

/** A percentage of net revenue (already in the program's revenue currency). */
export function percentOfRevenue(revenue: Decimal, percent: string): Decimal {
  return revenue.percentOf(Decimal.parse(percent));
}
