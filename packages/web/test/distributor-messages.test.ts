import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { FAILURE_CODES } from '../src/distributor/failure-text.ts';
import { distributorCatalog } from '../src/distributor/messages.ts';
import { flattenMessages } from '../src/i18n/catalog.ts';
import { languages } from '../src/i18n/languages.ts';

/** The distributor namespace gets the same checks as the shared catalog: same keys, same arguments, all plural forms. */
const english = flattenMessages(distributorCatalog.en);

function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('value' in element && element.type !== TYPE.literal) found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

describe.each(languages.map((language) => language.code))('the %s distributor messages', (code) => {
  const messages = flattenMessages(distributorCatalog[code]);

  it('have every key the English ones have, and no other', () => {
    const missing = [...english.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('use the same arguments as English and are not English copies', () => {
    const problems: string[] = [];
    for (const [key, message] of messages) {
      const expected = [...argumentsOf(parse(english.get(key) ?? ''))].sort().join();
      if ([...argumentsOf(parse(message))].sort().join() !== expected) problems.push(`${key}: arguments`);
      if (code !== 'en' && message.length > 30 && message === english.get(key)) problems.push(`${key}: English`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the distributor pages', () => {
  it('only use distributor keys that exist, in every literal td(...) call', () => {
    const dir = join(import.meta.dirname, '../src/distributor');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((name) => /\.tsx?$/.test(name))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const match of source.matchAll(/\btd\(\s*'([A-Za-z]+(?:\.[A-Za-z_]+)*)'/g)) {
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['failure', [...FAILURE_CODES]],
    ['reasons', ['unknown_reseller', 'unknown_sku']],
    ['result', ['linesRead', 'imported', 'duplicates', 'corrections', 'quarantined', 'errors']],
  ])('name every value the pages build keys from for %s', (prefix, values) => {
    expect(values.filter((value) => !english.has(`${prefix}.${value}`))).toEqual([]);
  });
});
