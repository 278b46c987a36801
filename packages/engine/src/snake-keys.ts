/**
 * The engine's values (camelCase keys, as TypeScript writes them) in the shape of Spur's JSON: every
 * key snake_case, also in nested objects and arrays; values untouched. An upper-case letter becomes
 * `_` and its lower case (`attainmentPercent` → `attainment_percent`). One rule for the CLI's JSON
 * (`earningToJson`), the HTTP API and the portal's types of it.
 */
export type SnakeKey<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeKey<Tail>}`
  : S;

/** `T` with every key snake_case, also in nested objects and arrays (unions and null pass through). */
export type SnakeKeys<T> = T extends readonly (infer Item)[]
  ? SnakeKeys<Item>[]
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeKey<K> : K]: SnakeKeys<T[K]> }
    : T;

export const snakeCase = <S extends string>(key: S): SnakeKey<S> =>
  key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) as SnakeKey<S>;

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [snakeCase(key), convert(inner)]));
  }
  return value;
}

/** A copy of `value` with every key snake_case, at every depth. */
export function snakeKeys<T>(value: T): SnakeKeys<T> {
  return convert(value) as SnakeKeys<T>;
}
