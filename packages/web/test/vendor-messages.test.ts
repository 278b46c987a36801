import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { flattenMessages } from '../src/i18n/catalog.ts';
import { languages } from '../src/i18n/languages.ts';
import { vendorCatalog } from '../src/vendor/messages.ts';
import { vendorErrorCodes } from '../src/vendor/use-vendor-t.ts';

/** The vendor namespace gets the same checks as the shared catalog: same keys, same arguments, all plural forms. */
const english = flattenMessages(vendorCatalog.en);

function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('value' in element && element.type !== TYPE.literal) found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

describe.each(languages.map((language) => language.code))('the %s vendor console messages', (code) => {
  const messages = flattenMessages(vendorCatalog[code]);

  it('have every key the English ones have, and no other', () => {
    const missing = [...english.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('use the same arguments as English', () => {
    const problems: string[] = [];
    for (const [key, message] of messages) {
      const expected = [...argumentsOf(parse(english.get(key) ?? ''))].sort().join();
      if ([...argumentsOf(parse(message))].sort().join() !== expected) problems.push(key);
    }
    expect(problems).toEqual([]);
  });

  it.runIf(code !== 'en')('are translated, not English copies', () => {
    const same = [...messages].filter(([key, message]) => message === english.get(key) && /[a-z]{4}/.test(message));
    // Words that are the same in both languages (Status, Budget, Version…) may stay; whole sentences may not.
    expect(same.filter(([, message]) => message.includes(' ')).map(([key]) => key)).toEqual([]);
  });
});

describe('the vendor console pages', () => {
  it('only use vendor keys that exist, in every literal tv(...) call and every key built from an API value', () => {
    const dir = join(import.meta.dirname, '../src/vendor');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((name) => /\.tsx?$/.test(name))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const match of source.matchAll(/\btv\(\s*'([A-Za-z]+(?:\.[A-Za-z_]+)+)'/g)) {
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
      for (const match of source.matchAll(/\btv\(`([A-Za-z.]+)\.\$\{/g)) {
        if (![...english.keys()].some((key) => key.startsWith(`${match[1]}.`))) missing.push(`${file}: ${match[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['programs.status', ['draft', 'active', 'closed']],
    ['runs.kinds', ['provisional', 'final']],
    ['runs.statuses', ['running', 'succeeded', 'failed']],
    ['payouts.statuses', ['pending', 'approved', 'paid']],
    ['errors', [...vendorErrorCodes]],
  ])('name every value the API sends for %s', (prefix, values) => {
    expect(values.filter((value) => !english.has(`${prefix}.${value}`))).toEqual([]);
  });
});
