import { Progress, Stack, Table, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { LoadMore } from '../lists/LoadMore.tsx';
import { ConsoleQuery } from './ConsoleQuery.tsx';
import { type Budget, consoleApi } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { useVendorT } from './use-vendor-t.ts';

/** The share of a budget committed or booked, in whole percent, for the bar only (figures stay exact text). */
function usedPercent(budget: Budget): number {
  const scale = (text: string) => BigInt(text.replace('.', ''));
  const amount = scale(budget.amount);
  if (amount === 0n) return 0;
  return Number(((scale(budget.committed) + scale(budget.booked)) * 100n) / amount);
}

/** Budget against committed (provisional runs) and booked (final runs) for every program period. */
export function BudgetsPage() {
  const { t, tv, amount } = useVendorT();
  const budgets = useInfiniteQuery({
    queryKey: ['console', 'budgets'],
    queryFn: ({ pageParam, signal }) => consoleApi.budgets.list({ cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = budgets.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack>
      <Title order={1}>{t('nav.budgets')}</Title>
      <ConsoleQuery isPending={budgets.isPending} error={budgets.error}>
        {() => (
          <Table.ScrollContainer minWidth={760} scrollAreaProps={KEYBOARD_SCROLL}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tv('budgets.program')}</Table.Th>
                  <Table.Th>{tv('budgets.period')}</Table.Th>
                  <Table.Th>{tv('budgets.amount')}</Table.Th>
                  <Table.Th>{tv('budgets.committed')}</Table.Th>
                  <Table.Th>{tv('budgets.booked')}</Table.Th>
                  <Table.Th>{tv('budgets.available')}</Table.Th>
                  <Table.Th>{tv('budgets.used')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>{tv('budgets.none')}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((budget) => {
                  const used = usedPercent(budget);
                  return (
                    <Table.Tr key={budget.budget_id}>
                      <Table.Td dir="ltr">{budget.program_id}</Table.Td>
                      <Table.Td dir="ltr">{budget.period}</Table.Td>
                      <Table.Td>{amount(budget.amount, budget.unit)}</Table.Td>
                      <Table.Td>{amount(budget.committed, budget.unit)}</Table.Td>
                      <Table.Td>{amount(budget.booked, budget.unit)}</Table.Td>
                      <Table.Td>{amount(budget.available, budget.unit)}</Table.Td>
                      <Table.Td miw={120}>
                        <Progress
                          value={used}
                          color={used >= 100 ? 'red' : used >= 80 ? 'orange' : 'blue'}
                          aria-label={`${tv('budgets.used')} ${budget.program_id} ${budget.period}`}
                        />
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ConsoleQuery>
      <LoadMore
        shown={rows.length}
        hasMore={budgets.hasNextPage}
        loading={budgets.isFetchingNextPage}
        onLoad={() => void budgets.fetchNextPage()}
      />
    </Stack>
  );
}
