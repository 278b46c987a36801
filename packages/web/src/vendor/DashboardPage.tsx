import { LineChart } from '@mantine/charts';
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCountryName } from '../i18n/use-country-name.ts';
import { ConsoleQuery } from './ConsoleQuery.tsx';
import { consoleApi } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { useVendorT } from './use-vendor-t.ts';

/** The channel at a glance, refreshed every minute; a channel manager sees its territory. */
export function DashboardPage() {
  const { t, tv, format, amount } = useVendorT();
  const countryName = useCountryName();
  const dashboard = useQuery({
    queryKey: ['console', 'dashboard'],
    queryFn: ({ signal }) => consoleApi.dashboard(signal),
    refetchInterval: 60_000,
  });
  return (
    <Stack>
      <Title order={1}>{t('nav.dashboard')}</Title>
      <ConsoleQuery isPending={dashboard.isPending} error={dashboard.error}>
        {() => {
          const data = dashboard.data;
          if (!data) return null;
          const currencies = [...new Set(data.trend.map((row) => row.currency))];
          const months = [...new Set(data.trend.map((row) => row.month))];
          const unitsByMonth = months.map((month) => ({
            month,
            // Chart heights only; the table below shows the exact figures.
            units: data.trend.filter((row) => row.month === month).reduce((sum, row) => sum + Number(row.units), 0),
          }));
          return (
            <Stack>
              {data.countries && (
                <Text size="sm">
                  {tv('dashboard.territory', { countries: data.countries.map(countryName).join(', ') })}
                </Text>
              )}
              <SimpleGrid cols={{ base: 2, md: 4 }}>
                <Figure label={tv('dashboard.resellers')} value={format.decimal(String(data.partners.resellers))} />
                <Figure
                  label={tv('dashboard.distributors')}
                  value={format.decimal(String(data.partners.distributors))}
                />
                <Figure label={tv('dashboard.activeResellers')} value={format.decimal(String(data.active_resellers))} />
                <Figure label={tv('dashboard.users')} value={format.decimal(String(data.users.registered))} />
              </SimpleGrid>
              <Title order={2}>{tv('dashboard.trend')}</Title>
              {unitsByMonth.length > 0 && (
                <div role="img" aria-label={tv('dashboard.trendChart')}>
                  <LineChart
                    h={240}
                    data={unitsByMonth}
                    dataKey="month"
                    series={[{ name: 'units', label: tv('dashboard.units'), color: 'blue.8' }]}
                    valueFormatter={(value) => format.decimal(String(value))}
                  />
                </div>
              )}
              <Table.ScrollContainer minWidth={480} scrollAreaProps={KEYBOARD_SCROLL}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{tv('dashboard.month')}</Table.Th>
                      <Table.Th>{tv('dashboard.units')}</Table.Th>
                      {currencies.map((currency) => (
                        <Table.Th key={currency}>{tv('dashboard.revenue', { currency })}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {months.map((month) => (
                      <Table.Tr key={month}>
                        <Table.Td dir="ltr">{month}</Table.Td>
                        <Table.Td>
                          {format.decimal(String(unitsByMonth.find((row) => row.month === month)?.units ?? 0))}
                        </Table.Td>
                        {currencies.map((currency) => {
                          const row = data.trend.find((r) => r.month === month && r.currency === currency);
                          return <Table.Td key={currency}>{row ? amount(row.net_amount, currency) : '—'}</Table.Td>;
                        })}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Title order={2}>{tv('dashboard.top')}</Title>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{tv('dashboard.partner')}</Table.Th>
                    <Table.Th>{tv('dashboard.country')}</Table.Th>
                    <Table.Th>{tv('dashboard.units')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.top_resellers.map((partner) => (
                    <Table.Tr key={partner.partner_id}>
                      <Table.Td>{partner.name ?? partner.partner_id}</Table.Td>
                      <Table.Td>{partner.country ? countryName(partner.country) : '—'}</Table.Td>
                      <Table.Td>{format.decimal(partner.units)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          );
        }}
      </ConsoleQuery>
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm">{label}</Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Card>
  );
}
