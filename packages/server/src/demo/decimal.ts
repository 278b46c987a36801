/**
 * Exact decimal text from integers. Amounts are whole cents and rates whole millionths held in
 * JavaScript numbers below 2^53, where integer arithmetic is exact; no value is ever fractional.
 */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

function assertWhole(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} ${value} is not a safe whole number`);
}

/** Integer division of non-negative whole numbers, rounding half up. */
export function divideRoundHalfUp(dividend: number, divisor: number): number {
  assertWhole(dividend, 'dividend');
  assertWhole(divisor, 'divisor');
  if (dividend < 0 || divisor <= 0 || dividend > MAX_EXACT - divisor) {
    throw new RangeError(`cannot divide ${dividend} by ${divisor} exactly`);
  }
  const doubled = dividend * 2 + divisor;
  const twice = divisor * 2;
  return (doubled - (doubled % twice)) / twice;
}

/** Whole cents as a decimal string with two places: -123456 → "-1234.56". */
export function formatCents(cents: number): string {
  const negative = cents < 0;
  const magnitude = negative ? -cents : cents;
  const remainder = magnitude % 100;
  const whole = (magnitude - remainder) / 100;
  return `${negative ? '-' : ''}${whole}.${remainder < 10 ? '0' : ''}${remainder}`;
}

/** Whole millionths as a decimal string with six places: 87125 → "0.087125". */
export function formatMillionths(millionths: number): string {
  assertWhole(millionths, 'rate');
  if (millionths <= 0) throw new RangeError(`rate ${millionths} must be positive`);
  const remainder = millionths % 1_000_000;
  const whole = (millionths - remainder) / 1_000_000;
  return `${whole}.${String(remainder).padStart(6, '0')}`;
}
