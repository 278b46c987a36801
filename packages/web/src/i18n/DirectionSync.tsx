import { useDirection } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, isLanguageCode } from './languages.ts';

/** Keeps Mantine's direction (and so the whole layout) in step with the language shown. */
export function DirectionSync() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const language = i18n.resolvedLanguage ?? i18n.language;
  useEffect(() => {
    setDirection(isLanguageCode(language) ? directionOf(language) : 'ltr');
  }, [language, setDirection]);
  return null;
}
