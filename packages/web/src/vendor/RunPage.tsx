import { Alert, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ConsoleQuery } from './ConsoleQuery.tsx';
import { consoleApi } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { RUN_COLOR } from './RunsPage.tsx';
import { useVendorT } from './use-vendor-t.ts';

/** One run: its status (refreshed while running), totals and the result of each participant. */
export function RunPage() {
  const { runId = '' } = useParams();
  const { tv, format, amount } = useVendorT();
  const detail = useQuery({
    queryKey: ['console', 'run', runId],
    queryFn: ({ signal }) => consoleApi.runs.get(runId, signal),
    refetchInterval: (query) => (query.state.data?.run.status === 'running' ? 2000 : false),
  });
  return (
    <ConsoleQuery isPending={detail.isPending} error={detail.error}>
      {() => {
        if (!detail.data) return null;
        const { run, results } = detail.data;
        return (
          <Stack maw={960}>
            <Group justify="space-between">
              <Title order={1}>{tv('runs.run', { runId: run.run_id })}</Title>
              <Badge color={RUN_COLOR[run.status]} size="lg" variant="filled">
                {tv(`runs.statuses.${run.status}`)}
              </Badge>
            </Group>
            <Text>
              <span dir="ltr">{run.program_id}</span> · {format.date(run.period_start)} – {format.date(run.period_end)}{' '}
              · {tv(`runs.kinds.${run.kind}`)}
            </Text>
            <Text fw={700}>
              {tv('runs.total')}: {run.total !== null && run.unit ? amount(run.total, run.unit) : '—'} ·{' '}
              {tv('runs.earners')}: {run.earners === null ? '—' : format.decimal(String(run.earners))}
            </Text>
            {run.error && (
              <Alert color="red" title={tv('runs.error')}>
                {run.error}
              </Alert>
            )}
            <Title order={2}>{tv('runs.results')}</Title>
            <Table.ScrollContainer minWidth={480} scrollAreaProps={KEYBOARD_SCROLL}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{tv('runs.participant')}</Table.Th>
                    <Table.Th>{tv('runs.amount')}</Table.Th>
                    <Table.Th>{tv('runs.payoutDue')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {results.map((result) => (
                    <Table.Tr key={`${result.participant_type}:${result.participant_id}`}>
                      <Table.Td dir="ltr">{result.participant_id}</Table.Td>
                      <Table.Td>{amount(result.amount, result.unit)}</Table.Td>
                      <Table.Td>{result.payout_due ? format.date(result.payout_due) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        );
      }}
    </ConsoleQuery>
  );
}
