import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { LoadMore } from '../lists/LoadMore.tsx';
import { ConsoleQuery } from './ConsoleQuery.tsx';
import { consoleApi, type ProgramStatus } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { useVendorT } from './use-vendor-t.ts';

// Filled badges in dark shades keep white text above the AA contrast ratio (light badges do not).
export const STATUS_COLOR: Record<ProgramStatus, string> = { draft: 'gray.8', active: '#1b5e20', closed: 'dark.7' };
export const DESIGNER_ROLES = new Set(['vendor_admin', 'program_manager']);

/** Every program with its status and version; program managers start new ones here. */
export function ProgramsPage() {
  const { t, tv, format } = useVendorT();
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as ProgramStatus | null) ?? undefined;
  const programs = useInfiniteQuery({
    queryKey: ['console', 'programs', status],
    queryFn: ({ pageParam, signal }) => consoleApi.programs.list({ status, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = programs.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('nav.programs')}</Title>
        {DESIGNER_ROLES.has(user.role) && (
          <Button component={Link} to="/programs/new">
            {tv('programs.new')}
          </Button>
        )}
      </Group>
      <Select
        label={tv('programs.filterStatus')}
        maw={240}
        value={status ?? ''}
        data={[
          { value: '', label: tv('programs.all') },
          ...(['draft', 'active', 'closed'] as const).map((value) => ({
            value,
            label: tv(`programs.status.${value}`),
          })),
        ]}
        onChange={(value) => setParams(value ? { status: value } : {})}
        allowDeselect={false}
      />
      <ConsoleQuery isPending={programs.isPending} error={programs.error}>
        {() => (
          <Table.ScrollContainer minWidth={640} scrollAreaProps={KEYBOARD_SCROLL}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tv('programs.id')}</Table.Th>
                  <Table.Th>{tv('programs.name')}</Table.Th>
                  <Table.Th>{tv('programs.unit')}</Table.Th>
                  <Table.Th>{tv('programs.filterStatus')}</Table.Th>
                  <Table.Th>{tv('programs.version')}</Table.Th>
                  <Table.Th>{tv('programs.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{tv('programs.none')}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((program) => (
                  <Table.Tr key={program.program_id}>
                    <Table.Td dir="ltr">
                      <Anchor component={Link} to={`/programs/${encodeURIComponent(program.program_id)}`} c="blue.8">
                        {program.program_id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {program.name}
                      {program.parent_program_id && (
                        <Text size="sm" c="dimmed">
                          {tv('programs.parent', { parent: program.parent_program_id })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td dir="ltr">{program.unit}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[program.status]} variant="filled">
                        {tv(`programs.status.${program.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{format.decimal(String(program.current_version))}</Table.Td>
                    <Table.Td>{format.dateTime(program.updated_at)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ConsoleQuery>
      <LoadMore
        shown={rows.length}
        hasMore={programs.hasNextPage}
        loading={programs.isFetchingNextPage}
        onLoad={() => void programs.fetchNextPage()}
      />
    </Stack>
  );
}
