import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { flattenMessages } from '../src/i18n/catalog.ts';
import { languages } from '../src/i18n/languages.ts';
import { partnerCatalog } from '../src/partner/messages.ts';

/** The partner namespace gets the same checks as the shared catalog: same keys, same arguments, all plural forms. */
const english = flattenMessages(partnerCatalog.en);

function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('value' in element && element.type !== TYPE.literal) found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
  }
  return found;
}

function pluralCategories(elements: MessageFormatElement[]): string[][] {
  return elements.flatMap((element) => (element.type === TYPE.plural ? [Object.keys(element.options)] : []));
}

describe.each(languages.map((language) => language.code))('the %s partner messages', (code) => {
  const messages = flattenMessages(partnerCatalog[code]);

  it('have every key the English ones have, and no other', () => {
    const missing = [...english.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('use the same arguments as English and every plural category the language needs', () => {
    const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    const problems: string[] = [];
    for (const [key, message] of messages) {
      const elements = parse(message);
      const expected = [...argumentsOf(parse(english.get(key) ?? ''))].sort();
      if ([...argumentsOf(elements)].sort().join() !== expected.join()) problems.push(`${key}: arguments`);
      for (const categories of pluralCategories(elements)) {
        for (const category of needed) if (!categories.includes(category)) problems.push(`${key}: ${category}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the partner pages', () => {
  it('only use partner keys that exist, in every literal tp(...) call', () => {
    const dir = join(import.meta.dirname, '../src/partner');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((name) => /\.tsx?$/.test(name))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const match of source.matchAll(/\btp\(\s*'([A-Za-z]+(?:\.[A-Za-z_]+)+)'/g)) {
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
      // Keys built from API values (`home.status.${status}`) must exist for every value the API sends.
      for (const match of source.matchAll(/\btp\(`([A-Za-z.]+)\.\$\{/g)) {
        if (![...english.keys()].some((key) => key.startsWith(`${match[1]}.`))) missing.push(`${file}: ${match[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each([
    ['home.status', ['provisional', 'final']],
    ['home.payoutStatus', ['pending', 'approved', 'paid']],
    ['earn.gateKind', ['min_attainment', 'max_attainment', 'accelerator', 'target_bonus']],
    ['statement.kind', ['earning', 'adjustment', 'late_adjustment']],
    ['products.by', ['sku', 'family', 'category']],
    ['products.mode', ['marginal', 'retroactive']],
    ['products.metric', ['units', 'revenue']],
    ['products.participants', ['partners', 'reps']],
    [
      'statement.step',
      [
        'measure',
        'reward',
        'promotion',
        'gate',
        'accelerator',
        'cap',
        'share_given',
        'share_received',
        'budget',
        'rounding',
      ],
    ],
  ])('name every value the API sends for %s', (prefix, values) => {
    expect(values.filter((value) => !english.has(`${prefix}.${value}`))).toEqual([]);
  });
});
