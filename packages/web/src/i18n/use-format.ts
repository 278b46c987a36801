import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createFormatters, type Formatters } from './format.ts';
import { defaultLanguage, isLanguageCode } from './languages.ts';

/** Intl formatters for the language the portal currently shows. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => createFormatters(isLanguageCode(language) ? language : defaultLanguage), [language]);
}
