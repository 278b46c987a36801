import { Alert, Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useFormat } from '../i18n/use-format.ts';
import { QueryState } from '../partner/QueryState.tsx';
import { failureText } from './failure-text.ts';
import { importPath, type SellOutImport, uploadsApi } from './uploads-api.ts';
import { useDistributorT } from './use-distributor-t.ts';

/** Follows one import: server-sent events while it runs (polling as a fallback), then its result. */
export function ImportStatusPanel({ importId }: { importId: string }) {
  const queryClient = useQueryClient();
  const key = ['sellout-import', importId];
  const status = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => uploadsApi.status(importId, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 2000 : false),
  });
  const running = status.data?.status === 'running';
  const ended = status.data !== undefined && status.data.status !== 'running';

  // The history shows this upload as on its way: refresh it once it finished or failed.
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: ['sellout-history'] });
  }, [ended, queryClient]);

  useEffect(() => {
    if (!running || typeof EventSource === 'undefined') return;
    const events = new EventSource(`${importPath(importId)}/events`);
    events.addEventListener('status', (event) => {
      const update = JSON.parse((event as MessageEvent<string>).data) as SellOutImport;
      queryClient.setQueryData(['sellout-import', importId], update);
      if (update.status !== 'running') events.close();
    });
    // Polling carries on when the stream breaks (a proxy without streaming).
    events.onerror = () => events.close();
    return () => events.close();
  }, [running, importId, queryClient]);

  return (
    <Card withBorder padding="lg" aria-live="polite" miw={0}>
      <QueryState isPending={status.isPending} error={status.error}>
        {() => (status.data ? <ImportOutcome upload={status.data} /> : null)}
      </QueryState>
    </Card>
  );
}

function ImportOutcome({ upload }: { upload: SellOutImport }) {
  const { t, td } = useDistributorT();
  const format = useFormat();
  const file = upload.file_name ?? '';
  const count = (value: number | null) => format.decimal(String(value ?? 0));
  if (upload.status === 'running') {
    const percent = Math.round((upload.fraction ?? 0) * 100);
    return (
      <Stack>
        <Text>
          {upload.phase === 'queued'
            ? td('progress.queued', { file })
            : upload.phase === 'merging'
              ? td('progress.merging', { lines: count(upload.lines_read) })
              : td('progress.reading', { file, lines: count(upload.lines_read) })}
        </Text>
        <Progress
          value={upload.phase === 'merging' ? 100 : percent}
          animated
          size="lg"
          aria-label={td('progress.label')}
        />
      </Stack>
    );
  }
  if (upload.status === 'failed') {
    return (
      <Alert color="red" role="alert" title={td('result.failed')}>
        <Text>{failureText(td, t, upload.error)}</Text>
        <Text size="sm" c="dimmed" dir="ltr" mt="xs">
          {upload.error?.message}
        </Text>
      </Alert>
    );
  }
  const figures: [string, number | null][] = [
    ['linesRead', upload.lines_read],
    ['imported', upload.imported],
    ['duplicates', upload.duplicates],
    ['corrections', upload.corrections],
    ['quarantined', upload.quarantined],
    ['errors', upload.errors],
  ];
  return (
    <Stack>
      <Title order={2} size="h3">
        {td('result.title', { file })}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" data-testid="import-figures">
        {figures.map(([name, value]) => (
          <div key={name}>
            <Text size="sm" c="dimmed">
              {td(`result.${name}`)}
            </Text>
            <Text size="xl" fw={600} data-figure={name}>
              {count(value)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {(upload.errors ?? 0) > 0 ? (
        <Group>
          <Anchor href={`${importPath(upload.import_id)}/errors.csv`} download>
            <Group gap={6}>
              <IconDownload size={18} aria-hidden />
              {td('result.downloadErrors')}
            </Group>
          </Anchor>
          <Text size="sm" c="dimmed">
            {td('result.errorsHint')}
          </Text>
        </Group>
      ) : (
        <Text>{td('result.noErrors')}</Text>
      )}
      {(upload.quarantined ?? 0) > 0 && <QuarantinedRows importId={upload.import_id} />}
    </Stack>
  );
}

function QuarantinedRows({ importId }: { importId: string }) {
  const { td } = useDistributorT();
  const format = useFormat();
  const lines = useQuery({
    queryKey: ['sellout-quarantine', importId],
    queryFn: ({ signal }) => uploadsApi.quarantine(importId, signal),
  });
  return (
    <Stack gap="xs">
      <Title order={3} size="h4" id="quarantined-rows">
        {td('quarantine.title')}
      </Title>
      <Text size="sm">{td('quarantine.intro')}</Text>
      <QueryState isPending={lines.isPending} error={lines.error}>
        {() => (
          <Table.ScrollContainer
            minWidth={640}
            type="native"
            tabIndex={0}
            style={{ overflowX: 'auto', position: 'relative' }}
          >
            <Table striped aria-labelledby="quarantined-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{td('quarantine.line')}</Table.Th>
                  <Table.Th>{td('quarantine.invoiceDate')}</Table.Th>
                  <Table.Th>{td('quarantine.reseller')}</Table.Th>
                  <Table.Th>{td('quarantine.sku')}</Table.Th>
                  <Table.Th>{td('quarantine.quantity')}</Table.Th>
                  <Table.Th>{td('quarantine.amount')}</Table.Th>
                  <Table.Th>{td('quarantine.reasons')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lines.data?.items.map((line) => (
                  <Table.Tr key={line.quarantine_id}>
                    <Table.Td dir="ltr">{line.line_id}</Table.Td>
                    <Table.Td>{format.date(line.invoice_date)}</Table.Td>
                    <Table.Td dir="ltr">{line.reseller_id}</Table.Td>
                    <Table.Td dir="ltr">{line.sku}</Table.Td>
                    <Table.Td>{format.decimal(String(line.quantity))}</Table.Td>
                    <Table.Td>{format.money(line.net_amount, line.currency)}</Table.Td>
                    <Table.Td>{line.reasons.map((reason) => td(`reasons.${reason}`)).join(', ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
    </Stack>
  );
}
