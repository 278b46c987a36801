import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { LoadMore } from '../lists/LoadMore.tsx';
import { formatUnitAmount, usePartnerFormat } from './amounts.ts';
import { partnerApi } from './partner-api.ts';
import { QueryState } from './QueryState.tsx';
import { usePartnerT } from './use-partner-t.ts';

/** Every earning, newest period first; each opens its explanation and the lines behind it. */
export function StatementPage() {
  const { t, tp } = usePartnerT();
  const format = usePartnerFormat();
  const earnings = useInfiniteQuery({
    queryKey: ['partner', 'statement'],
    queryFn: ({ pageParam, signal }) => partnerApi.statement(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = earnings.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.statement')}</Title>
      <QueryState isPending={earnings.isPending} error={earnings.error}>
        {() => (
          <Table.ScrollContainer minWidth={640} type="native" tabIndex={0}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tp('statement.program')}</Table.Th>
                  <Table.Th>{tp('statement.period')}</Table.Th>
                  <Table.Th>{tp('statement.amount')}</Table.Th>
                  <Table.Th>{tp('statement.status')}</Table.Th>
                  <Table.Th>{tp('statement.payoutDue')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{tp('statement.none')}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((row) => (
                  <Table.Tr key={`${row.program_id}|${row.period_start}`}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/statement/${encodeURIComponent(row.program_id)}/${row.period_start}`}
                        aria-label={tp('statement.open', { program: row.program_name, period: row.label })}
                      >
                        {row.program_name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td dir="ltr">{row.label}</Table.Td>
                    <Table.Td>
                      <Text span fw={600}>
                        {formatUnitAmount(format, row.amount, row.unit)}
                      </Text>{' '}
                      {row.postings > 1 && (
                        <Badge variant="filled" color="blue.9">
                          {tp('statement.adjusted')}
                        </Badge>
                      )}{' '}
                      {row.clawed_back.startsWith('-') && (
                        <Badge variant="filled" color="red.9">
                          {tp('statement.clawedBack', { amount: formatUnitAmount(format, row.clawed_back, row.unit) })}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{tp(`home.status.${row.status}`)}</Table.Td>
                    <Table.Td>{row.payout_due ? format.date(row.payout_due) : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <LoadMore
        shown={rows.length}
        hasMore={earnings.hasNextPage}
        loading={earnings.isFetchingNextPage}
        onLoad={() => void earnings.fetchNextPage()}
      />
    </Stack>
  );
}
