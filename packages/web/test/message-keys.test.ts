import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roles } from '../src/api/types.ts';
import { catalog, flattenMessages } from '../src/i18n/catalog.ts';
import { translatedCodes } from '../src/i18n/error-message.ts';
import { navigation } from '../src/shell/navigation.ts';

const english = flattenMessages(catalog.en);
const sourceDir = join(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the message keys the code uses', () => {
  it('all exist, for every literal t(...) call in the sources', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(sourceDir)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z]+(?:\.[A-Za-z_]+)+)'/g)) {
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('exist for every role, partner type, menu entry and translated error code', () => {
    const keys = [
      ...roles.map((role) => `roles.${role}`),
      ...['distributor', 'reseller'].map((type) => `partners.types.${type}`),
      ...navigation.map((item) => `nav.${item.label}`),
      ...[...translatedCodes].map((code) => `errors.${code}`),
      'errors.validation_failed',
      'errors.too_many_attempts',
      'errors.unknown',
    ];
    expect(keys.filter((key) => !english.has(key))).toEqual([]);
  });
});
