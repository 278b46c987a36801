import { Alert, Badge, Button, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { ConsoleQuery } from './ConsoleQuery.tsx';
import { consoleApi, type ProgramDetail } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { ProgramEditor } from './ProgramEditor.tsx';
import { DESIGNER_ROLES, STATUS_COLOR } from './ProgramsPage.tsx';
import { RunPanel } from './RunPanel.tsx';
import { SimulationPanel } from './SimulationPanel.tsx';
import { useVendorT } from './use-vendor-t.ts';

/** One program: its rules in the editor, simulation before activation, lifecycle, runs, versions. */
export function ProgramPage() {
  const { programId = '' } = useParams();
  const detail = useQuery({
    queryKey: ['console', 'program', programId],
    queryFn: ({ signal }) => consoleApi.programs.get(programId, signal),
  });
  return (
    <ConsoleQuery isPending={detail.isPending} error={detail.error}>
      {() => detail.data && <ProgramView detail={detail.data} />}
    </ConsoleQuery>
  );
}

function ProgramView({ detail }: { detail: ProgramDetail }) {
  const { tv, format, failure } = useVendorT();
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const program = detail.program;
  const [text, setText] = useState(detail.yaml);
  // A saved version reloads the detail; show the rules as stored.
  useEffect(() => setText(detail.yaml), [detail.yaml]);
  const designer = DESIGNER_ROLES.has(user.role);
  const change = useMutation({
    mutationFn: (action: 'activate' | 'close') => consoleApi.programs.change(program.program_id, action),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['console'] }),
  });

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={1}>{program.name}</Title>
          <Text size="sm" ff="monospace" dir="ltr">
            {program.program_id} · {program.unit}
          </Text>
        </Stack>
        <Badge color={STATUS_COLOR[program.status]} size="lg" variant="filled">
          {tv(`programs.status.${program.status}`)}
        </Badge>
      </Group>

      {designer && program.status !== 'closed' && (
        <ProgramEditor text={text} onTextChange={setText} isNew={false} onSaved={() => undefined} />
      )}
      {designer && program.status !== 'closed' && (
        <>
          <Divider />
          <SimulationPanel programId={program.program_id} text={text} />
        </>
      )}

      {designer && (
        <>
          <Divider />
          <Title order={2}>{tv('detail.lifecycle')}</Title>
          {program.status === 'draft' && <Text size="sm">{tv('detail.activateHelp')}</Text>}
          <Group>
            {program.status === 'draft' && (
              <Button color="#1b5e20" onClick={() => change.mutate('activate')} loading={change.isPending}>
                {tv('detail.activate')}
              </Button>
            )}
            {program.status === 'active' && (
              <Button color="red.9" variant="outline" onClick={() => change.mutate('close')} loading={change.isPending}>
                {tv('detail.close')}
              </Button>
            )}
            {change.data && (
              <Text role="status">{tv('detail.changed', { status: tv(`programs.status.${change.data.status}`) })}</Text>
            )}
          </Group>
          {change.error && (
            <Alert color="red" role="alert">
              {failure(change.error)}
            </Alert>
          )}
        </>
      )}

      {designer && program.status === 'active' && (
        <>
          <Divider />
          <RunPanel programId={program.program_id} />
        </>
      )}

      <Divider />
      <Title order={2}>{tv('detail.versions')}</Title>
      <Table.ScrollContainer minWidth={520} scrollAreaProps={KEYBOARD_SCROLL}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{tv('detail.version')}</Table.Th>
              <Table.Th>{tv('detail.effectiveFrom')}</Table.Th>
              <Table.Th>{tv('detail.appliedBy')}</Table.Th>
              <Table.Th>{tv('detail.appliedAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...detail.versions].reverse().map((version) => (
              <Table.Tr key={version.version}>
                <Table.Td>{format.decimal(String(version.version))}</Table.Td>
                <Table.Td>{format.date(version.effective_from)}</Table.Td>
                <Table.Td dir="ltr">{version.applied_by ?? version.source}</Table.Td>
                <Table.Td>{format.dateTime(version.applied_at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {detail.sub_programs.length > 0 && (
        <Text size="sm">
          {tv('detail.subPrograms')}: <span dir="ltr">{detail.sub_programs.join(', ')}</span>
        </Text>
      )}
    </Stack>
  );
}
