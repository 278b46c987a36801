import { Alert, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useVendorT } from './use-vendor-t.ts';

/** Loading and error states of a console query, alike on every console page. */
export function ConsoleQuery({
  isPending,
  error,
  children,
}: {
  isPending: boolean;
  error: unknown;
  children: () => ReactNode;
}) {
  const { t, failure } = useVendorT();
  if (error) {
    return (
      <Alert color="red" title={t('errors.title')} role="alert">
        {failure(error)}
      </Alert>
    );
  }
  if (isPending) return <Loader aria-label={t('status.loading')} />;
  return children();
}
