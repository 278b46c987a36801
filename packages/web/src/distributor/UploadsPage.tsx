import { Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ImportStatusPanel } from './ImportStatusPanel.tsx';
import { UploadForm } from './UploadForm.tsx';
import { UploadHistory } from './UploadHistory.tsx';
import { useDistributorT } from './use-distributor-t.ts';

/** A distributor admin uploads its sell-out report and follows it; the import id stays in the address. */
export function UploadsPage() {
  const { t, td } = useDistributorT();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const importId = params.get('import') ?? undefined;
  return (
    <Stack maw={1040}>
      <Title order={1}>{t('nav.uploads')}</Title>
      <Text>{td('intro')}</Text>
      <UploadForm
        onUploaded={(id) => {
          setParams({ import: id });
          void queryClient.invalidateQueries({ queryKey: ['sellout-history'] });
        }}
      />
      {importId !== undefined && /^\d+$/.test(importId) && <ImportStatusPanel key={importId} importId={importId} />}
      <UploadHistory />
    </Stack>
  );
}
