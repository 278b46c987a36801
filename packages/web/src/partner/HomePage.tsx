import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatUnitAmount, usePartnerFormat } from './amounts.ts';
import type { Dashboard, PeriodEarning } from './partner-api.ts';
import { partnerApi } from './partner-api.ts';
import { QueryState } from './QueryState.tsx';
import { usePartnerT } from './use-partner-t.ts';

/** One chart per unit: periods on the axis, one bar per program (amounts of one unit only are comparable). */
function chartsOf(history: readonly PeriodEarning[]) {
  const byUnit = new Map<
    string,
    { programs: Map<string, string>; periods: Map<string, Record<string, string | number>> }
  >();
  for (const row of [...history].reverse()) {
    const chart = byUnit.get(row.unit) ?? { programs: new Map(), periods: new Map() };
    chart.programs.set(row.program_id, row.program_name);
    const period = chart.periods.get(row.period_start) ?? { period: row.label };
    // Bar heights only: the exact amounts are in the cards and the statement.
    period[row.program_id] = Number(row.amount);
    chart.periods.set(row.period_start, period);
    byUnit.set(row.unit, chart);
  }
  return [...byUnit.entries()].map(([unit, chart]) => ({
    unit,
    series: [...chart.programs.entries()].map(([name, label], index) => ({
      name,
      label,
      color: ['blue.7', 'teal.7', 'grape.7', 'orange.8', 'indigo.7'][index % 5]!,
    })),
    data: [...chart.periods.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row),
  }));
}

function HomeContent({ dashboard }: { dashboard: Dashboard }) {
  const { t, tp } = usePartnerT();
  const format = usePartnerFormat();
  return (
    <Stack>
      <Title order={2}>{tp('home.thisPeriod')}</Title>
      {dashboard.current.length === 0 && <Text>{tp('home.nothing')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {dashboard.current.map((row) => (
          <Card key={row.program_id} withBorder padding="md">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{row.program_name}</Text>
              <Badge color={row.status === 'final' ? 'green.9' : 'blue.9'} variant="filled">
                {tp(`home.status.${row.status}`)}
              </Badge>
            </Group>
            <Text size="xl" fw={700} mt="xs" data-testid={`current-${row.program_id}`}>
              {formatUnitAmount(format, row.amount, row.unit)}
            </Text>
            <Text size="sm" c="dimmed">
              {tp('home.period', { label: row.label })}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      {chartsOf(dashboard.history).map((chart) => (
        <Card key={chart.unit} withBorder padding="md">
          <Title order={3} size="h4" id={`chart-${chart.unit}`}>
            {tp('home.chart', { unit: format.unitName(chart.unit) })}
          </Title>
          <BarChart
            h={220}
            mt="sm"
            data={chart.data}
            dataKey="period"
            series={chart.series}
            withLegend={chart.series.length > 1}
            valueFormatter={(value) => format.decimal(String(value))}
            aria-labelledby={`chart-${chart.unit}`}
          />
        </Card>
      ))}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder padding="md">
          <Title order={2} size="h3">
            {tp('home.balances')}
          </Title>
          {dashboard.balances.length === 0 ? (
            <Text mt="xs">{tp('home.noBalances')}</Text>
          ) : (
            <Table mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tp('home.balance')}</Table.Th>
                  <Table.Th>{tp('home.available')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dashboard.balances.map((row) => (
                  <Table.Tr key={row.unit}>
                    <Table.Td>{formatUnitAmount(format, row.balance, row.unit)}</Table.Td>
                    <Table.Td>{formatUnitAmount(format, row.available, row.unit)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
        <Card withBorder padding="md">
          <Title order={2} size="h3">
            {tp('home.payouts')}
          </Title>
          {dashboard.payouts.length === 0 ? (
            <Text mt="xs">{tp('home.noPayouts')}</Text>
          ) : (
            <Stack gap="xs" mt="xs">
              {dashboard.payouts.map((row) => (
                <Group key={`${row.unit}-${row.status}`} justify="space-between">
                  <Text>
                    {tp(`home.payoutStatus.${row.status}`)} · {tp('home.payoutCount', { count: row.count })}
                    {row.status !== 'paid' &&
                      row.next_due &&
                      ` · ${tp('home.nextDue', { date: format.date(row.next_due) })}`}
                  </Text>
                  <Text fw={600}>{formatUnitAmount(format, row.amount, row.unit)}</Text>
                </Group>
              ))}
            </Stack>
          )}
        </Card>
      </SimpleGrid>
      <Anchor component={Link} to="/statement">
        {t('nav.statement')}
      </Anchor>
    </Stack>
  );
}

/** The partner home: what this period earned per program, balances, payouts and the last periods. */
export function HomePage() {
  const { t } = usePartnerT();
  const dashboard = useQuery({
    queryKey: ['partner', 'dashboard'],
    queryFn: ({ signal }) => partnerApi.dashboard(signal),
  });
  return (
    <Stack>
      <Title order={1}>{t('nav.home')}</Title>
      <QueryState isPending={dashboard.isPending} error={dashboard.error}>
        {() => dashboard.data && <HomeContent dashboard={dashboard.data} />}
      </QueryState>
    </Stack>
  );
}
