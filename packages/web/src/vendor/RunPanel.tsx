import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { consoleApi } from './console-api.ts';
import { useVendorT } from './use-vendor-t.ts';

/** Starts a provisional run or the final close of one period of an active program. */
export function RunPanel({ programId }: { programId: string }) {
  const { tv, failure, amount } = useVendorT();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState('');
  const [final, setFinal] = useState(false);
  const start = useMutation({
    mutationFn: () => consoleApi.runs.start({ program_id: programId, period: period.trim(), final }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['console'] }),
  });
  return (
    <Stack>
      <Title order={2}>{tv('runs.startTitle')}</Title>
      <Group align="flex-end">
        <TextInput
          label={tv('runs.period')}
          description={tv('runs.periodHelp')}
          value={period}
          onChange={(event) => setPeriod(event.currentTarget.value)}
          dir="ltr"
          required
        />
        <Button onClick={() => start.mutate()} loading={start.isPending} disabled={period.trim() === ''}>
          {tv('runs.start')}
        </Button>
      </Group>
      <Checkbox label={tv('runs.final')} checked={final} onChange={(event) => setFinal(event.currentTarget.checked)} />
      {start.error && (
        <Alert color="red" role="alert">
          {failure(start.error)}
        </Alert>
      )}
      {start.data && (
        <Text role="status">
          <Anchor component={Link} to={`/runs/${start.data.run_id}`} c="blue.8">
            {tv('runs.started', {
              runId: start.data.run_id,
              period: start.data.period.label,
              total: amount(start.data.total, start.data.unit),
              earners: start.data.earners,
            })}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
