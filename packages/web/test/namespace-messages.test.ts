import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { FAILURE_CODES } from '../src/distributor/failure-text.ts';
import { distributorCatalog } from '../src/distributor/messages.ts';
import { catalog, flattenMessages, type MessageTree } from '../src/i18n/catalog.ts';
import { languages } from '../src/i18n/languages.ts';
import { partnerCatalog } from '../src/partner/messages.ts';
import { vendorCatalog } from '../src/vendor/messages.ts';
import { vendorErrorCodes } from '../src/vendor/use-vendor-t.ts';

/** One i18next namespace: its messages, what counts as an English copy, and how its pages name keys. */
interface Namespace {
  name: string;
  catalog: Record<string, MessageTree>;
  /** A translation equal to the English one that is a copy, not a word both languages share; none when absent. */
  isEnglishCopy?: (message: string) => boolean;
  /** The pages' folder and the translate function they call with literal keys. */
  pages?: { folder: string; call: string; literalKey: string };
  /** Key prefixes the pages complete with a value from the API or the code. */
  valueKeys: [string, string[]][];
}

const namespaces: Namespace[] = [
  {
    name: 'shared',
    catalog,
    // Brand names, 'Dashboard', 'Partner' and the like are the same in several languages; whole sentences are not.
    isEnglishCopy: (message) => message.split(' ').length > 3,
    valueKeys: [],
  },
  {
    name: 'partner',
    catalog: partnerCatalog,
    pages: { folder: 'partner', call: 'tp', literalKey: '[A-Za-z]+(?:\\.[A-Za-z_]+)+' },
    valueKeys: [
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
    ],
  },
  {
    name: 'distributor',
    catalog: distributorCatalog,
    isEnglishCopy: (message) => message.length > 30,
    pages: { folder: 'distributor', call: 'td', literalKey: '[A-Za-z]+(?:\\.[A-Za-z_]+)*' },
    valueKeys: [
      ['failure', [...FAILURE_CODES]],
      ['reasons', ['unknown_reseller', 'unknown_sku']],
      ['result', ['linesRead', 'imported', 'duplicates', 'corrections', 'quarantined', 'errors']],
    ],
  },
  {
    name: 'vendor',
    catalog: vendorCatalog,
    // Words that are the same in both languages (Status, Budget, Version…) may stay; whole sentences may not.
    isEnglishCopy: (message) => /[a-z]{4}/.test(message) && message.includes(' '),
    pages: { folder: 'vendor', call: 'tv', literalKey: '[A-Za-z]+(?:\\.[A-Za-z_]+)+' },
    valueKeys: [
      ['programs.status', ['draft', 'active', 'closed']],
      ['runs.kinds', ['provisional', 'final']],
      ['runs.statuses', ['running', 'succeeded', 'failed']],
      ['payouts.statuses', ['pending', 'approved', 'paid']],
      ['errors', [...vendorErrorCodes]],
    ],
  },
];

/** Argument names a message uses ({name}, {count, plural, ...}), including inside plural branches and tags. */
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

const codes = languages.map((language) => language.code);
const cases = namespaces.flatMap((namespace) => codes.map((code) => [namespace.name, code, namespace] as const));

describe.each(cases)('the %s messages in %s', (_name, code, namespace) => {
  const english = flattenMessages(namespace.catalog.en ?? {});
  // A language without a catalog then shows up as missing every key.
  const messages = flattenMessages(namespace.catalog[code] ?? {});

  it('have every key the English messages have, and no other', () => {
    const missing = [...english.keys()].filter((key) => !messages.has(key));
    const extra = [...messages.keys()].filter((key) => !english.has(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('parse as ICU MessageFormat with the same arguments as English', () => {
    const problems: string[] = [];
    for (const [key, message] of messages) {
      let elements: MessageFormatElement[];
      try {
        elements = parse(message);
      } catch (error) {
        problems.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      const expected = english.get(key);
      if (expected === undefined) continue;
      const want = [...argumentsOf(parse(expected))].sort().join();
      const got = [...argumentsOf(elements)].sort().join();
      if (got !== want) problems.push(`${key}: arguments {${got}} instead of {${want}}`);
    }
    expect(problems).toEqual([]);
  });

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

  it.runIf(code !== 'en' && namespace.isEnglishCopy !== undefined)('are translated, not English copies', () => {
    const isCopy = namespace.isEnglishCopy ?? (() => false);
    const copied = [...messages].filter(([key, message]) => message === english.get(key) && isCopy(message));
    expect(copied.map(([key]) => key)).toEqual([]);
  });
});

describe.each(namespaces.filter((namespace) => namespace.pages))('the $name pages', (namespace) => {
  const english = flattenMessages(namespace.catalog.en ?? {});
  const pages = namespace.pages!;

  it('only use keys that exist, in every literal call and every key built from a value', () => {
    const dir = join(import.meta.dirname, '../src', pages.folder);
    const literal = new RegExp(`\\b${pages.call}\\(\\s*'(${pages.literalKey})'`, 'g');
    const built = new RegExp(`\\b${pages.call}\\(\`([A-Za-z.]+)\\.\\$\\{`, 'g');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((name) => /\.tsx?$/.test(name))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const match of source.matchAll(literal)) {
        if (!english.has(match[1]!)) missing.push(`${file}: ${match[1]}`);
      }
      // Keys built from API values (`home.status.${status}`) must exist for at least one value.
      for (const match of source.matchAll(built)) {
        if (![...english.keys()].some((key) => key.startsWith(`${match[1]}.`))) missing.push(`${file}: ${match[1]}.*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(namespace.valueKeys)('name every value the API or the pages send for %s', (prefix, values) => {
    expect(values.filter((value) => !english.has(`${prefix}.${value}`))).toEqual([]);
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
