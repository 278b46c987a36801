import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** An address that leads to no page of the portal. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Stack maw={640} align="flex-start">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body', { path: location.pathname })}</Text>
      <Button component={Link} to="/">
        {t('notFound.back')}
      </Button>
    </Stack>
  );
}
