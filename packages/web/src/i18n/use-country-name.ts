import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Country names in the language shown (Intl.DisplayNames), falling back to the ISO code. */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    return (code: string) => names.of(code) ?? code;
  }, [language]);
}
