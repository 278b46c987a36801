/** The paths of every key with an upper-case letter in a JSON value, at any depth (`$.what_if.nextUnit`). */
export function camelKeys(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => camelKeys(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(/[A-Z]/.test(key) ? [`${path}.${key}`] : []),
    ...camelKeys(inner, `${path}.${key}`),
  ]);
}
