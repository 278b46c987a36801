import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { distributorCatalog } from '../distributor/messages.ts';
import { partnerCatalog } from '../partner/messages.ts';
import { vendorCatalog } from '../vendor/messages.ts';
import { catalog } from './catalog.ts';
import { defaultLanguage, directionOf, isLanguageCode, type LanguageCode, matchLanguage } from './languages.ts';

const storageKey = 'spur.language';

/** The language chosen in this browser, else the browser's own preference. */
export function initialLanguage(): LanguageCode {
  const stored = globalThis.localStorage?.getItem(storageKey);
  if (stored && isLanguageCode(stored)) return stored;
  return matchLanguage(globalThis.navigator?.languages ?? []);
}

/** Mirrors the document for right-to-left languages and tells screen readers the language. */
function applyToDocument(code: LanguageCode): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = code;
  document.documentElement.dir = directionOf(code);
}

export async function initI18n(): Promise<typeof i18next> {
  const language = initialLanguage();
  await i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      resources: Object.fromEntries(
        Object.entries(catalog).map(([code, messages]) => [
          code,
          {
            translation: messages,
            partner: partnerCatalog[code as keyof typeof partnerCatalog],
            vendor: vendorCatalog[code as keyof typeof vendorCatalog],
            distributor: distributorCatalog[code as keyof typeof distributorCatalog],
          },
        ]),
      ),
      lng: language,
      fallbackLng: defaultLanguage,
      supportedLngs: Object.keys(catalog),
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  applyToDocument(language);
  return i18next;
}

/** Switches the portal language and remembers it for this browser. */
export async function changeLanguage(code: LanguageCode): Promise<void> {
  globalThis.localStorage?.setItem(storageKey, code);
  await i18next.changeLanguage(code);
  applyToDocument(code);
}

export function currentLanguage(): LanguageCode {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return language && isLanguageCode(language) ? language : defaultLanguage;
}
