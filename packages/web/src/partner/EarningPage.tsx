import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { LoadMore } from '../lists/LoadMore.tsx';
import { RowsTable } from '../lists/RowsTable.tsx';
import { useCursorPages } from '../lists/use-cursor-list.ts';
import { formatUnitAmount, usePartnerFormat } from './amounts.ts';
import { ExplanationSteps } from './ExplanationSteps.tsx';
import { partnerApi } from './partner-api.ts';
import { QueryState } from './QueryState.tsx';
import { usePartnerT } from './use-partner-t.ts';

function LinesTable({ programId, periodStart }: { programId: string; periodStart: string }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  const lines = useCursorPages(['partner', 'lines', programId, periodStart], (cursor, signal) =>
    partnerApi.lines(programId, periodStart, cursor, signal),
  );
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {tp('statement.lines')}
      </Title>
      <QueryState isPending={lines.isPending} error={lines.error}>
        {() => (
          <RowsTable
            columns={[
              tp('statement.date'),
              tp('statement.distributor'),
              tp('statement.line'),
              tp('statement.reseller'),
              tp('statement.sku'),
              tp('statement.quantity'),
              tp('statement.netAmount'),
            ]}
            none={tp('statement.noLines')}
            items={lines.rows}
            minWidth={720}
            focusable
            testId="statement-lines"
            row={(line) => (
              <Table.Tr key={`${line.distributor_id}|${line.line_id}`}>
                <Table.Td>{format.date(line.invoice_date)}</Table.Td>
                <Table.Td dir="ltr">{line.distributor_id}</Table.Td>
                <Table.Td dir="ltr">{line.line_id}</Table.Td>
                <Table.Td dir="ltr">{line.reseller_id}</Table.Td>
                <Table.Td dir="ltr">{line.sku}</Table.Td>
                <Table.Td>
                  {format.decimal(String(line.quantity))}{' '}
                  {line.quantity < 0 && (
                    <Badge color="red.9" variant="filled">
                      {tp('statement.return')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{format.money(line.net_amount, line.currency)}</Table.Td>
              </Table.Tr>
            )}
          />
        )}
      </QueryState>
      <LoadMore
        shown={lines.rows.length}
        hasMore={lines.hasNextPage}
        loading={lines.isFetchingNextPage}
        onLoad={lines.fetchNextPage}
      />
    </Stack>
  );
}

/** One earning: amount, how the engine calculated it, every posting, and the sell-out lines behind it. */
export function EarningPage() {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  const { programId = '', periodStart = '' } = useParams();
  const detail = useQuery({
    queryKey: ['partner', 'earning', programId, periodStart],
    queryFn: ({ signal }) => partnerApi.earning(programId, periodStart, signal),
  });
  return (
    <Stack>
      <Anchor component={Link} to="/statement">
        {tp('statement.back')}
      </Anchor>
      <QueryState isPending={detail.isPending} error={detail.error}>
        {() => {
          if (!detail.data) return null;
          const { earning, explanation, postings } = detail.data;
          const money = (amount: string) => formatUnitAmount(format, amount, earning.unit);
          return (
            <Stack>
              <Title order={1}>
                {earning.program_name} · <span dir="ltr">{earning.label}</span>
              </Title>
              <Group>
                <Text size="xl" fw={700} data-testid="earning-amount">
                  {money(earning.amount)}
                </Text>
                <Badge variant="filled" color={earning.status === 'final' ? 'green.9' : 'blue.9'}>
                  {tp(`home.status.${earning.status}`)}
                </Badge>
                {earning.payout_due && (
                  <Text>
                    {tp('statement.payoutDue')}: {format.date(earning.payout_due)}
                  </Text>
                )}
              </Group>
              <Title order={2} size="h3">
                {tp('statement.explanation')}
              </Title>
              <ExplanationSteps steps={explanation.steps} unit={earning.unit} />
              <Title order={2} size="h3">
                {tp('statement.postings')}
              </Title>
              <Table.ScrollContainer minWidth={520} type="native" tabIndex={0}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{tp('statement.postedIn')}</Table.Th>
                      <Table.Th>{tp('statement.status')}</Table.Th>
                      <Table.Th>{tp('statement.delta')}</Table.Th>
                      <Table.Th>{tp('statement.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {postings.map((posting) => (
                      <Table.Tr key={posting.seq}>
                        <Table.Td dir="ltr">{posting.posted_period}</Table.Td>
                        <Table.Td>
                          {tp(`statement.kind.${posting.kind}`)}{' '}
                          {posting.delta.startsWith('-') && (
                            <Badge color="red.9" variant="filled">
                              {tp('statement.clawback')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>{money(posting.delta)}</Table.Td>
                        <Table.Td>{money(posting.amount_after)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LinesTable programId={programId} periodStart={periodStart} />
            </Stack>
          );
        }}
      </QueryState>
    </Stack>
  );
}
