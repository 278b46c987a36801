import '@mantine/dropzone/styles.css';
import { Alert, Group, Select, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileSpreadsheet, IconUpload, IconX } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { failureText } from './failure-text.ts';
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
      <Dropzone
        onDrop={(files) => {
          setRejected(false);
          const file = files[0];
          if (file) upload.mutate(file);
        }}
        onReject={() => setRejected(true)}
        accept={ACCEPTED}
        multiple={false}
        loading={upload.isPending}
        aria-label={td('drop.label')}
        name="file"
        data-testid="sellout-dropzone"
      >
        <Group justify="center" gap="lg" mih={140} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={48} stroke={1.5} aria-hidden />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={48} stroke={1.5} aria-hidden />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileSpreadsheet size={48} stroke={1.5} aria-hidden />
          </Dropzone.Idle>
          <div>
            <Text size="lg">{td('drop.idle')}</Text>
            <Text size="sm" c="dimmed" mt={6}>
              {td('drop.hint')}
            </Text>
          </div>
        </Group>
      </Dropzone>
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
