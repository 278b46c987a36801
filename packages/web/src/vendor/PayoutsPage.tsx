import { Alert, Button, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { LoadMore } from '../lists/LoadMore.tsx';
import { ConsoleQuery } from './ConsoleQuery.tsx';
import { consoleApi, type Payout } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { useVendorT } from './use-vendor-t.ts';

/** Finance's work list: payouts due, oldest first; approving is refused for programs the approver configured. */
export function PayoutsPage() {
  const { t, tv, format, amount, failure } = useVendorT();
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Payout['status']>('pending');
  const payouts = useInfiniteQuery({
    queryKey: ['console', 'payouts', status],
    queryFn: ({ pageParam, signal }) => consoleApi.payouts.list({ status, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const approve = useMutation({
    mutationFn: (payoutId: string) => consoleApi.payouts.approve(payoutId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['console', 'payouts'] }),
  });
  const rows = payouts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.payouts')}</Title>
      <SegmentedControl
        aria-label={tv('payouts.status')}
        value={status}
        onChange={(value) => setStatus(value as Payout['status'])}
        data={(['pending', 'approved', 'paid'] as const).map((value) => ({
          value,
          label: tv(`payouts.statuses.${value}`),
        }))}
        maw={420}
      />
      {approve.data && <Text role="status">{tv('payouts.approved', { payoutId: approve.data.payout_id })}</Text>}
      {approve.error && (
        <Alert color="red" role="alert">
          {failure(approve.error)}
        </Alert>
      )}
      <ConsoleQuery isPending={payouts.isPending} error={payouts.error}>
        {() => (
          <Table.ScrollContainer minWidth={760} scrollAreaProps={KEYBOARD_SCROLL}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tv('payouts.program')}</Table.Th>
                  <Table.Th>{tv('payouts.period')}</Table.Th>
                  <Table.Th>{tv('payouts.participant')}</Table.Th>
                  <Table.Th>{tv('payouts.amount')}</Table.Th>
                  <Table.Th>{tv('payouts.due')}</Table.Th>
                  {status === 'pending' && <Table.Th>{tv('payouts.approve')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{tv('payouts.none')}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((payout) => (
                  <Table.Tr key={payout.payout_id}>
                    <Table.Td dir="ltr">{payout.program_id}</Table.Td>
                    <Table.Td dir="ltr">{payout.period}</Table.Td>
                    <Table.Td dir="ltr">{payout.participant_id}</Table.Td>
                    <Table.Td>{amount(payout.amount, payout.unit)}</Table.Td>
                    <Table.Td>{format.date(payout.due_date)}</Table.Td>
                    {status === 'pending' && (
                      <Table.Td>
                        {payout.configured_by === user.user_id ? (
                          <Text size="sm">{tv('payouts.fourEyes')}</Text>
                        ) : (
                          <Button
                            size="xs"
                            onClick={() => approve.mutate(payout.payout_id)}
                            loading={approve.isPending && approve.variables === payout.payout_id}
                            disabled={user.role !== 'finance'}
                            aria-label={`${tv('payouts.approve')} ${payout.participant_id} ${payout.period}`}
                          >
                            {tv('payouts.approve')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ConsoleQuery>
      <LoadMore
        shown={rows.length}
        hasMore={payouts.hasNextPage}
        loading={payouts.isFetchingNextPage}
        onLoad={() => void payouts.fetchNextPage()}
      />
    </Stack>
  );
}
