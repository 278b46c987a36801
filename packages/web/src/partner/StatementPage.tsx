import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { LoadMore } from '../lists/LoadMore.tsx';
import { RowsTable } from '../lists/RowsTable.tsx';
import { useCursorPages } from '../lists/use-cursor-list.ts';
import { formatUnitAmount, usePartnerFormat } from './amounts.ts';
import { partnerApi } from './partner-api.ts';
import { QueryState } from './QueryState.tsx';
import { usePartnerT } from './use-partner-t.ts';

/** Every earning, newest period first; each opens its explanation and the lines behind it. */
export function StatementPage() {
  const { t, tp } = usePartnerT();
  const format = usePartnerFormat();
  const earnings = useCursorPages(['partner', 'statement'], partnerApi.statement);
  return (
    <Stack>
      <Title order={1}>{t('nav.statement')}</Title>
      <QueryState isPending={earnings.isPending} error={earnings.error}>
        {() => (
          <RowsTable
            columns={[
              tp('statement.program'),
              tp('statement.period'),
              tp('statement.amount'),
              tp('statement.status'),
              tp('statement.payoutDue'),
            ]}
            none={tp('statement.none')}
            items={earnings.rows}
            minWidth={640}
            focusable
            row={(row) => (
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
            )}
          />
        )}
      </QueryState>
      <LoadMore
        shown={earnings.rows.length}
        hasMore={earnings.hasNextPage}
        loading={earnings.isFetchingNextPage}
        onLoad={earnings.fetchNextPage}
      />
    </Stack>
  );
}
