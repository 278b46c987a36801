/**
 * A small seeded pseudo-random generator (mulberry32) so that the same seed always produces the
 * same demo data on every platform and Node version; Math.random cannot be seeded.
 * Every draw is an integer: choices are made by integer weights, never by floating point.
 */
export class DemoRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A new independent stream, so that one part of the data does not shift when another changes. */
  fork(salt: number): DemoRandom {
    return new DemoRandom((this.nextUint32() ^ Math.imul(salt, 0x9e3779b1)) >>> 0);
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, n); n at most 2^21 so the product stays an exact integer. */
  below(n: number): number {
    return Math.floor((this.nextUint32() * n) / 4294967296);
  }

  /** An integer in [min, max], both inclusive. */
  between(min: number, max: number): number {
    return min + this.below(max - min + 1);
  }

  /** True with the given chance in permille (1/1000). */
  chance(permille: number): boolean {
    return this.below(1000) < permille;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)]!;
  }

  /** An index drawn by integer weights prepared with `cumulativeWeights`. */
  pickIndex(cumulative: WeightTable): number {
    const target = this.below(cumulative.total);
    const bounds = cumulative.bounds;
    let low = 0;
    let high = bounds.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (bounds[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

/** Running sums of integer weights: entry i is the sum of weights 0..i. */
export interface WeightTable {
  bounds: Uint32Array;
  total: number;
}

export function cumulativeWeights(weights: readonly number[]): WeightTable {
  const bounds = new Uint32Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => {
    if (!Number.isInteger(weight) || weight < 0) throw new RangeError(`weight ${weight} is not a whole number >= 0`);
    total += weight;
    bounds[index] = total;
  });
  if (total === 0 || total > 2 ** 21) throw new RangeError(`total weight ${total} must be in 1..2^21`);
  return { bounds, total };
}
