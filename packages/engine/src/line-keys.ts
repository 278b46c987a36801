/**
 * Integer keying of sell-out lines read as bytes: field values become dense ids (each distinct
 * value decoded once), facts live in an open-addressing table of id tuples, and sums stay exact
 * as a safe-integer Number plus a bigint overflow.
 */

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function sameBytes(stored: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (stored.length !== end - start) return false;
  for (let i = 0; i < stored.length; i++) if (stored[i] !== bytes[start + i]) return false;
  return true;
}

/** Maps byte strings to dense ids; `values[id]` is the decoded text. */
export class ByteInterner {
  /** Open addressing: slot → id + 1 (0 = empty); at most half full. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(512);
  private readonly stored: Uint8Array[] = [];
  readonly values: string[] = [];

  id(bytes: Uint8Array, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (;;) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      if (this.hashes[entry - 1] === hash && sameBytes(this.stored[entry - 1]!, bytes, start, end)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    // A copy, not a view: the caller reuses its buffer (and Buffer#slice would be a view).
    const copy = Uint8Array.prototype.slice.call(bytes, start, end);
    const id = this.values.length;
    this.stored.push(copy);
    this.values.push(decoder.decode(copy));
    if (id === this.hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[id] = hash;
    slots[slot] = id + 1;
    if (2 * (id + 1) > slots.length / 2) this.grow();
    return id;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      const hash = this.hashes[id]!;
      let slot = (hash ^ (hash >>> 16)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

/**
 * Adds `amount` (a safe integer) to `sums[index]` exactly: the Number part stays a safe integer,
 * whatever would leave that range moves into `overflow`.
 */
export function addExact(sums: Float64Array, overflow: Map<number, bigint>, index: number, amount: number): void {
  const sum = sums[index]! + amount;
  if (Number.isSafeInteger(sum)) {
    sums[index] = sum;
  } else {
    overflow.set(index, (overflow.get(index) ?? 0n) + BigInt(sums[index]!) + BigInt(amount));
    sums[index] = 0;
  }
}

/** The exact total of `sums[index]` and its overflow. */
export function exactTotal(sums: Float64Array, overflow: Map<number, bigint>, index: number): bigint {
  return (overflow.get(index) ?? 0n) + BigInt(sums[index]!);
}

/** Number of ids in a fact key: date class, reseller, rep, distributor, product, currency. */
export const FACT_KEY_WIDTH = 6;

/** Facts keyed by a tuple of ids, with exact unit and revenue sums and a line count. */
export class FactTable {
  size = 0;
  private capacity = 1024;
  /** Open addressing: slot → fact index + 1 (0 = empty). */
  private slots = new Int32Array(this.capacity * 2);
  keys = new Int32Array(this.capacity * FACT_KEY_WIDTH);
  units = new Float64Array(this.capacity);
  revenue = new Float64Array(this.capacity);
  lines = new Float64Array(this.capacity);
  readonly unitsOverflow = new Map<number, bigint>();
  readonly revenueOverflow = new Map<number, bigint>();

  private static hash(a: number, b: number, c: number, d: number, e: number, f: number): number {
    let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ b ^ (h >>> 15), 0xc2b2ae35);
    h = Math.imul(h ^ c ^ (h >>> 13), 0x85ebca6b);
    h = Math.imul(h ^ d ^ (h >>> 16), 0xc2b2ae35);
    h = Math.imul(h ^ e ^ (h >>> 13), 0x85ebca6b);
    h = Math.imul(h ^ f ^ (h >>> 16), 0xc2b2ae35);
    return h ^ (h >>> 15);
  }

  /** The index of the fact with this key, created empty when new. */
  index(a: number, b: number, c: number, d: number, e: number, f: number): number {
    const mask = this.slots.length - 1;
    let slot = FactTable.hash(a, b, c, d, e, f) & mask;
    const keys = this.keys;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      const base = (entry - 1) * FACT_KEY_WIDTH;
      if (
        keys[base] === a &&
        keys[base + 1] === b &&
        keys[base + 2] === c &&
        keys[base + 3] === d &&
        keys[base + 4] === e &&
        keys[base + 5] === f
      ) {
        return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    if (this.size === this.capacity) {
      this.grow();
      return this.index(a, b, c, d, e, f);
    }
    const index = this.size++;
    const base = index * FACT_KEY_WIDTH;
    this.keys[base] = a;
    this.keys[base + 1] = b;
    this.keys[base + 2] = c;
    this.keys[base + 3] = d;
    this.keys[base + 4] = e;
    this.keys[base + 5] = f;
    this.slots[slot] = index + 1;
    return index;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const keys = new Int32Array(capacity * FACT_KEY_WIDTH);
    keys.set(this.keys);
    const units = new Float64Array(capacity);
    units.set(this.units);
    const revenue = new Float64Array(capacity);
    revenue.set(this.revenue);
    const lines = new Float64Array(capacity);
    lines.set(this.lines);
    this.keys = keys;
    this.units = units;
    this.revenue = revenue;
    this.lines = lines;
    this.capacity = capacity;
    // Load factor stays at most one half: slots are twice the capacity.
    const slots = new Int32Array(capacity * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < this.size; index++) {
      const base = index * FACT_KEY_WIDTH;
      let slot =
        FactTable.hash(
          keys[base]!,
          keys[base + 1]!,
          keys[base + 2]!,
          keys[base + 3]!,
          keys[base + 4]!,
          keys[base + 5]!,
        ) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}

const COMMA = 44;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** Largest digit count that always parses to a safe integer. */
const SAFE_DIGITS = 15;

/** An integer `[+-]?\d+` of at most 15 digits, or undefined (the caller takes the exact slow path). */
export function parseSafeInteger(bytes: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) negative = bytes[i++] === MINUS;
  if (i === end || end - i > SAFE_DIGITS) return undefined;
  let value = 0;
  for (; i < end; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/**
 * A decimal `[+-]?\d+(\.\d+)?` as an integer of `scale` decimals when it fits 15 digits; NaN for
 * a well-formed number that does not fit (or `scale` < 0: check only), undefined when malformed.
 */
export function parseScaledDecimal(bytes: Uint8Array, start: number, end: number, scale: number): number | undefined {
  let i = start;
  let negative = false;
  if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) negative = bytes[i++] === MINUS;
  const wholeStart = i;
  let value = 0;
  for (; i < end && bytes[i] !== DOT; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0) return undefined;
  let fractionDigits = 0;
  if (i < end) {
    i++;
    if (i === end) return undefined;
    for (; i < end; i++) {
      const digit = bytes[i]! - ZERO;
      if (digit < 0 || digit > 9) return undefined;
      value = value * 10 + digit;
      fractionDigits++;
    }
  }
  if (scale < 0 || fractionDigits > scale || wholeDigits + scale > SAFE_DIGITS) return Number.NaN;
  for (let k = fractionDigits; k < scale; k++) value *= 10;
  return negative ? -value : value;
}

/**
 * Field boundaries of one unquoted CSV line into `starts`/`ends`; false when the line does not
 * have exactly `count` fields.
 */
export function splitFields(
  bytes: Uint8Array,
  start: number,
  end: number,
  count: number,
  starts: Int32Array,
  ends: Int32Array,
): boolean {
  let field = 0;
  let from = start;
  for (;;) {
    const comma = bytes.indexOf(COMMA, from);
    if (comma === -1 || comma >= end) break;
    if (field === count - 1) return false;
    starts[field] = from;
    ends[field] = comma;
    field++;
    from = comma + 1;
  }
  if (field !== count - 1) return false;
  starts[field] = from;
  ends[field] = end;
  return true;
}

/** `YYYY-MM-DD` digits as the number YYYYMMDD, or -1 when the bytes are not shaped so. */
export function dateNumber(bytes: Uint8Array, start: number, end: number): number {
  if (end - start !== 10 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    if (i === start + 4 || i === start + 7) continue;
    const byte = bytes[i]!;
    if (byte < ZERO || byte > NINE) return -1;
    value = value * 10 + (byte - ZERO);
  }
  return value;
}
