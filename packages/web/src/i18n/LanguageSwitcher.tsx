import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../app/notify.ts';
import { useSaveProfileLanguage, useSession } from '../auth/session.ts';
import { changeLanguage, currentLanguage } from './i18n.ts';
import { type LanguageCode, languages } from './languages.ts';

/**
 * The language menu; each entry is written in its own language and marked with its `lang`.
 * Signed in, the choice is saved in the user's profile; signed out, in this browser.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const session = useSession();
  const saveProfileLanguage = useSaveProfileLanguage();
  const choose = async (code: LanguageCode) => {
    await changeLanguage(code);
    if (session.data) saveProfileLanguage.mutate(code, { onError: (error) => notifyError(t, error) });
  };
  const active = currentLanguage();
  const activeName = languages.find((language) => language.code === active)?.name ?? active;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={`${t('header.language')}: ${activeName}`}
        >
          {activeName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('header.language')}</Menu.Label>
        {languages.map((language) => (
          <Menu.Item
            key={language.code}
            lang={language.code}
            dir={language.dir}
            onClick={() => void choose(language.code)}
            rightSection={language.code === active ? <IconCheck size={16} aria-hidden /> : null}
            aria-current={language.code === active ? 'true' : undefined}
          >
            {language.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
