import { createHash } from 'node:crypto';

type Canonical = string | number | boolean | null | readonly Canonical[] | { readonly [key: string]: Canonical };

function canonicalJson(value: Canonical): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as { readonly [key: string]: Canonical };
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key]!)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the canonical JSON (sorted keys) of what a write posts, to recognise a retry. */
export function contentHash(content: Canonical): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

export type { Canonical };
