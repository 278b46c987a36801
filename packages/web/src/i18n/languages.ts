/** The portal's languages; names are endonyms so everyone finds their own in the switcher. */
export const languages = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'it', name: 'Italiano', dir: 'ltr' },
  { code: 'nl', name: 'Nederlands', dir: 'ltr' },
  { code: 'sv', name: 'Svenska', dir: 'ltr' },
  { code: 'pl', name: 'Polski', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;

export type LanguageCode = (typeof languages)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

export const defaultLanguage: LanguageCode = 'en';

export function isLanguageCode(value: string): value is LanguageCode {
  return languages.some((language) => language.code === value);
}

export function directionOf(code: LanguageCode): TextDirection {
  return languages.find((language) => language.code === code)?.dir ?? 'ltr';
}

/** Best supported language for tags such as 'de-CH' or 'pt-BR' (falls back to English). */
export function matchLanguage(tags: readonly string[]): LanguageCode {
  for (const tag of tags) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLanguageCode(base)) return base;
  }
  return defaultLanguage;
}
