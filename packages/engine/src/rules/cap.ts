import { Decimal } from '../decimal.ts';

/** The per-participant cap per period: an earning above it is cut to it; clawbacks are not capped. */
export function applyParticipantCap(amount: Decimal, cap: string | undefined): { amount: Decimal; capped: boolean } {
  if (cap === undefined) return { amount, capped: false };
  const limit = Decimal.parse(cap);
  return amount.gt(limit) ? { amount: limit, capped: true } : { amount, capped: false };
}
