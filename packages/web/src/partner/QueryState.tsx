import { Alert, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { errorMessage } from '../i18n/error-message.ts';
import { usePartnerT } from './use-partner-t.ts';

/** Loading and error states of a page's query, alike on every partner page. */
export function QueryState({
  isPending,
  error,
  children,
}: {
  isPending: boolean;
  error: unknown;
  children: () => ReactNode;
}) {
  const { t } = usePartnerT();
  if (error) {
    return (
      <Alert color="red" title={t('errors.title')} role="alert">
        {errorMessage(t, error)}
      </Alert>
    );
  }
  if (isPending) return <Loader aria-label={t('status.loading')} />;
  return children();
}
