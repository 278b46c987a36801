import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalog, flattenMessages } from '../src/i18n/catalog.ts';
import { languages } from '../src/i18n/languages.ts';

const english = flattenMessages(catalog.en);

/** Argument names a message uses ({name}, {count, plural, ...}), including inside plural branches. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if ('value' in element && element.type !== TYPE.literal) found.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

function pluralsOf(elements: MessageFormatElement[]): { name: string; categories: string[] }[] {
  const plurals: { name: string; categories: string[] }[] = [];
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      plurals.push({ name: element.value, categories: Object.keys(element.options) });
      for (const option of Object.values(element.options)) plurals.push(...pluralsOf(option.value));
    }
  }
  return plurals;
}

describe.each(languages.map((language) => language.code))('the %s messages', (code) => {
  const messages = flattenMessages(catalog[code]);

  it('have every key the English messages have, and no other', () => {
    const missing = [...english.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each([...messages.entries()])(
    'parse as ICU MessageFormat with the same arguments as English: %s',
    (key, message) => {
      const elements = parse(message);
      const expected = english.get(key);
      if (expected !== undefined)
        expect([...argumentsOf(elements)].sort()).toEqual([...argumentsOf(parse(expected))].sort());
    },
  );

  it('give each plural every category the language needs (e.g. few and many in Polish)', () => {
    const needed = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
    const gaps: string[] = [];
    for (const [key, message] of messages) {
      for (const plural of pluralsOf(parse(message))) {
        for (const category of needed) if (!plural.categories.includes(category)) gaps.push(`${key}: ${category}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it('are translated rather than copied from English', () => {
    if (code === 'en') return;
    // Brand names, 'Dashboard', 'Partner' and the like are the same in several languages; whole sentences are not.
    const copied = [...messages].filter(
      ([key, message]) => message === english.get(key) && message.split(' ').length > 3,
    );
    expect(copied).toEqual([]);
  });
});

describe('the ICU check', () => {
  it('rejects a message with an unbalanced brace', () => {
    expect(() => parse('Hallo {name')).toThrow();
  });

  it('rejects a plural without its other branch', () => {
    expect(() => parse('{count, plural, one {# Feld}}', { requiresOtherClause: true })).toThrow();
  });
});
