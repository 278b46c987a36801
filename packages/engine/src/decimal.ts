import { EngineError } from './errors.ts';

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

const TEN = 10n;
const POWERS: bigint[] = [1n];
function pow10(exponent: number): bigint {
  while (POWERS.length <= exponent) POWERS.push(POWERS[POWERS.length - 1]! * TEN);
  return POWERS[exponent]!;
}

export type RoundingMode = 'half_away_from_zero' | 'down' | 'toward_zero';

/**
 * An exact number: a fraction of two bigints. Decimal strings parse into it without loss, and
 * division (attainment, FX cross rates, budget factors) stays exact, so a result is rounded only
 * once, at the step that says so (`round`). Never a JS float.
 */
export class Decimal {
  /** Numerator; the sign lives here. */
  readonly numerator: bigint;
  /** Always positive. Not necessarily reduced: powers of ten stay as parsed, so sums stay cheap. */
  readonly denominator: bigint;

  private constructor(numerator: bigint, denominator: bigint) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  static readonly ZERO = new Decimal(0n, 1n);
  static readonly ONE = new Decimal(1n, 1n);
  static readonly HUNDRED = new Decimal(100n, 1n);

  /** Parses `-12.50`, `3`, `+0.028`. Anything else (exponents, commas, spaces) is an error. */
  static parse(text: string, path?: string): Decimal {
    const match = DECIMAL_PATTERN.exec(text);
    if (!match) throw new EngineError('invalid_decimal', `"${text}" is not a decimal number`, path);
    const fraction = match[3] ?? '';
    const digits = BigInt(match[2]! + fraction);
    return new Decimal(match[1] === '-' ? -digits : digits, pow10(fraction.length));
  }

  static fromBigInt(value: bigint): Decimal {
    return new Decimal(value, 1n);
  }

  /** `value / 10^scale`, for integer minor units and scaled sums. */
  static fromScaled(value: bigint, scale: number): Decimal {
    return new Decimal(value, pow10(scale));
  }

  static fraction(numerator: bigint, denominator: bigint): Decimal {
    if (denominator === 0n) throw new EngineError('division_by_zero', 'division by zero');
    return Decimal.reduced(numerator, denominator);
  }

  private static reduced(numerator: bigint, denominator: bigint): Decimal {
    let n = numerator;
    let d = denominator;
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const divisor = gcd(n, d);
    return divisor > 1n ? new Decimal(n / divisor, d / divisor) : new Decimal(n, d);
  }

  plus(other: Decimal): Decimal {
    if (this.denominator === other.denominator) return new Decimal(this.numerator + other.numerator, this.denominator);
    return Decimal.reduced(
      this.numerator * other.denominator + other.numerator * this.denominator,
      this.denominator * other.denominator,
    );
  }

  minus(other: Decimal): Decimal {
    return this.plus(other.negated());
  }

  times(other: Decimal): Decimal {
    return Decimal.reduced(this.numerator * other.numerator, this.denominator * other.denominator);
  }

  dividedBy(other: Decimal): Decimal {
    if (other.numerator === 0n) throw new EngineError('division_by_zero', 'division by zero');
    return Decimal.reduced(this.numerator * other.denominator, this.denominator * other.numerator);
  }

  /** `this × percent / 100`. */
  percentOf(percent: Decimal): Decimal {
    return this.times(percent).dividedBy(Decimal.HUNDRED);
  }

  negated(): Decimal {
    return new Decimal(-this.numerator, this.denominator);
  }

  abs(): Decimal {
    return this.numerator < 0n ? this.negated() : this;
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const left = this.numerator * other.denominator;
    const right = other.numerator * this.denominator;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.compare(other) === 0;
  }
  lt(other: Decimal): boolean {
    return this.compare(other) < 0;
  }
  lte(other: Decimal): boolean {
    return this.compare(other) <= 0;
  }
  gt(other: Decimal): boolean {
    return this.compare(other) > 0;
  }
  gte(other: Decimal): boolean {
    return this.compare(other) >= 0;
  }
  isZero(): boolean {
    return this.numerator === 0n;
  }
  isNegative(): boolean {
    return this.numerator < 0n;
  }
  isPositive(): boolean {
    return this.numerator > 0n;
  }

  static min(a: Decimal, b: Decimal): Decimal {
    return a.lte(b) ? a : b;
  }
  static max(a: Decimal, b: Decimal): Decimal {
    return a.gte(b) ? a : b;
  }

  /**
   * Rounds to `scale` decimals. `half_away_from_zero`: 2.5 → 3, -2.5 → -3. `down`: toward
   * minus infinity (2.9 → 2, -2.1 → -3), used after budget scaling so a total never exceeds it.
   * `toward_zero`: truncation.
   */
  round(scale: number, mode: RoundingMode): Decimal {
    const target = pow10(scale);
    const scaled = this.numerator * target;
    const d = this.denominator;
    let quotient = scaled / d; // truncates toward zero
    const remainder = scaled % d;
    if (remainder !== 0n) {
      if (mode === 'half_away_from_zero') {
        const twice = (remainder < 0n ? -remainder : remainder) * 2n;
        if (twice >= d) quotient += scaled < 0n ? -1n : 1n;
      } else if (mode === 'down' && scaled < 0n) {
        quotient -= 1n;
      }
    }
    return new Decimal(quotient, target);
  }

  /** True when the value has a finite decimal expansion of at most `maxScale` digits. */
  private terminatingScale(maxScale: number): number | undefined {
    for (let scale = 0; scale <= maxScale; scale++) {
      if ((this.numerator * pow10(scale)) % this.denominator === 0n) return scale;
    }
    return undefined;
  }

  /** Fixed notation with exactly `scale` decimals; the value must already be rounded to it. */
  toFixed(scale: number): string {
    const rounded = this.round(scale, 'half_away_from_zero');
    const value = (rounded.numerator * pow10(scale)) / rounded.denominator;
    const negative = value < 0n;
    const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale);
    const fraction = digits.slice(digits.length - scale);
    return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
  }

  /**
   * The shortest exact decimal string (`0.5`, `1500`, `-12.25`). A value without a finite
   * expansion of up to 12 decimals (e.g. 1/3) shows 12 decimals with a `~` prefix: explanations
   * only; amounts are rounded before they are shown.
   */
  toString(): string {
    const scale = this.terminatingScale(12);
    if (scale === undefined) return `~${this.toFixed(12)}`;
    return this.toFixed(scale);
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Shorthand for literals in code and tests: `dec('0.028')`. */
export function dec(text: string): Decimal {
  return Decimal.parse(text);
}
