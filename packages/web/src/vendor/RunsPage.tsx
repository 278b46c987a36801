import { Anchor, Badge, Card, Select, Stack, Table, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { LoadMore } from '../lists/LoadMore.tsx';
import { ConsoleQuery } from './ConsoleQuery.tsx';
import { consoleApi, type Run } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { DESIGNER_ROLES } from './ProgramsPage.tsx';
import { RunPanel } from './RunPanel.tsx';
import { useVendorT } from './use-vendor-t.ts';

export const RUN_COLOR: Record<Run['status'], string> = { running: 'blue.9', succeeded: '#1b5e20', failed: 'red.9' };

/** Every calculation run, newest first; running ones refresh until they finish. */
export function RunsPage() {
  const { t, tv, format, amount } = useVendorT();
  const runs = useInfiniteQuery({
    queryKey: ['console', 'runs'],
    queryFn: ({ pageParam, signal }) => consoleApi.runs.list({ cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((run) => run.status === 'running')) ? 2000 : false,
  });
  const rows = runs.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.runs')}</Title>
      {DESIGNER_ROLES.has(useSignedInUser().role) && <StartRun />}
      <ConsoleQuery isPending={runs.isPending} error={runs.error}>
        {() => (
          <Table.ScrollContainer minWidth={760} scrollAreaProps={KEYBOARD_SCROLL}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{tv('runs.program')}</Table.Th>
                  <Table.Th>{tv('runs.period')}</Table.Th>
                  <Table.Th>{tv('runs.kind')}</Table.Th>
                  <Table.Th>{tv('runs.status')}</Table.Th>
                  <Table.Th>{tv('runs.total')}</Table.Th>
                  <Table.Th>{tv('runs.earners')}</Table.Th>
                  <Table.Th>{tv('runs.startedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>{tv('runs.none')}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((run) => (
                  <Table.Tr key={run.run_id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/runs/${run.run_id}`} c="blue.8">
                        {run.run_id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td dir="ltr">
                      <Anchor component={Link} to={`/programs/${encodeURIComponent(run.program_id)}`} c="blue.8">
                        {run.program_id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {format.date(run.period_start)} – {format.date(run.period_end)}
                    </Table.Td>
                    <Table.Td>{tv(`runs.kinds.${run.kind}`)}</Table.Td>
                    <Table.Td>
                      <Badge color={RUN_COLOR[run.status]} variant="filled">
                        {tv(`runs.statuses.${run.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{run.total !== null && run.unit ? amount(run.total, run.unit) : '—'}</Table.Td>
                    <Table.Td>{run.earners === null ? '—' : format.decimal(String(run.earners))}</Table.Td>
                    <Table.Td>{format.dateTime(run.started_at)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ConsoleQuery>
      <LoadMore
        shown={rows.length}
        hasMore={runs.hasNextPage}
        loading={runs.isFetchingNextPage}
        onLoad={() => void runs.fetchNextPage()}
      />
    </Stack>
  );
}

/** Picks an active program and starts a provisional run or the final close of one of its periods. */
function StartRun() {
  const { tv } = useVendorT();
  const [programId, setProgramId] = useState<string | null>(null);
  // The first page of active programs; a vendor runs about 50 programs at once, within one page.
  const active = useQuery({
    queryKey: ['console', 'programs', 'active-for-runs'],
    queryFn: ({ signal }) => consoleApi.programs.list({ status: 'active' }, signal),
  });
  return (
    <Card withBorder>
      <Stack>
        <Select
          label={tv('runs.program')}
          maw={360}
          searchable
          value={programId}
          onChange={setProgramId}
          data={(active.data?.items ?? []).map((program) => ({
            value: program.program_id,
            label: `${program.name} (${program.program_id})`,
          }))}
        />
        {programId && <RunPanel key={programId} programId={programId} />}
      </Stack>
    </Card>
  );
}
