import type { LanguageCode } from './languages.ts';
import ar from './locales/ar.json' with { type: 'json' };
import de from './locales/de.json' with { type: 'json' };
import en from './locales/en.json' with { type: 'json' };
import es from './locales/es.json' with { type: 'json' };
import fr from './locales/fr.json' with { type: 'json' };
import it from './locales/it.json' with { type: 'json' };
import nl from './locales/nl.json' with { type: 'json' };
import pl from './locales/pl.json' with { type: 'json' };
import sv from './locales/sv.json' with { type: 'json' };

/** A message tree: nested keys ending in ICU MessageFormat strings. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** Every language's messages; English is the reference the completeness test compares against. */
export const catalog: Record<LanguageCode, MessageTree> = { en, de, fr, es, it, nl, sv, pl, ar };

/** Flattens a message tree into dotted keys ('signIn.title') with their messages. */
export function flattenMessages(tree: MessageTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [childKey, childValue] of flattenMessages(value, path)) flat.set(childKey, childValue);
  }
  return flat;
}
