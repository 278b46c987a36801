import { Alert, Select, Stack } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { failureText } from './failure-text.ts';
import { ReportDropzone } from './ReportDropzone.tsx';
import { uploadReport, uploadsApi } from './uploads-api.ts';
import { useDistributorT } from './use-distributor-t.ts';

const ACCEPTED = {
  'text/csv': ['.csv'],
  'text/plain': ['.txt'],
  'text/tab-separated-values': ['.tsv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};
const CANONICAL = 'canonical';

/** Choose the mapping profile, then drop (or pick) the report: it uploads at once. */
export function UploadForm({ onUploaded }: { onUploaded: (importId: string, fileName: string) => void }) {
  const { t, td } = useDistributorT();
  const [profile, setProfile] = useState<string>(CANONICAL);
  const [rejected, setRejected] = useState(false);
  const profiles = useQuery({ queryKey: ['sellout-profiles'], queryFn: ({ signal }) => uploadsApi.profiles(signal) });
  const upload = useMutation({
    mutationFn: (file: File) => uploadReport(file, profile === CANONICAL ? undefined : profile),
    onSuccess: (accepted, file) => onUploaded(accepted.import_id, file.name),
  });
  const options = [
    { value: CANONICAL, label: td('profile.canonical') },
    ...(profiles.data?.items ?? []).map((item) => ({ value: item.name, label: item.name })),
  ];

  return (
    <Stack>
      <Select
        label={td('profile.label')}
        description={td('profile.description')}
        data={options}
        value={profile}
        onChange={(value) => setProfile(value ?? CANONICAL)}
        allowDeselect={false}
        maw={420}
      />
      <ReportDropzone
        accept={ACCEPTED}
        loading={upload.isPending}
        label={td('drop.label')}
        idle={td('drop.idle')}
        hint={td('drop.hint')}
        onFile={(file) => {
          setRejected(false);
          upload.mutate(file);
        }}
        onReject={() => setRejected(true)}
      />
      {rejected && (
        <Alert color="red" role="alert" title={t('errors.title')}>
          {td('drop.reject')}
        </Alert>
      )}
      {upload.isError && (
        <Alert color="red" role="alert" title={t('errors.title')}>
          {failureText(td, t, upload.error)}
        </Alert>
      )}
    </Stack>
  );
}
