import { BarChart } from '@mantine/charts';
import { Alert, Badge, Button, Group, NumberInput, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useCountryName } from '../i18n/use-country-name.ts';
import { consoleApi, type DimensionTotal, type Simulation } from './console-api.ts';
import { KEYBOARD_SCROLL } from './keyboard-scroll.ts';
import { useVendorT } from './use-vendor-t.ts';

/** Simulates the editor's rules on the last months of stored sell-out: cost per period vs budget, and by group. */
export function SimulationPanel({ programId, text }: { programId: string; text: string }) {
  const { tv, failure } = useVendorT();
  const [months, setMonths] = useState(3);
  const simulate = useMutation({ mutationFn: () => consoleApi.programs.simulate(programId, months, text) });
  return (
    <Stack>
      <Title order={2}>{tv('simulation.title')}</Title>
      <Text size="sm">{tv('simulation.help')}</Text>
      <Group align="flex-end">
        <NumberInput
          label={tv('simulation.months')}
          value={months}
          onChange={(value) => setMonths(typeof value === 'number' ? value : 3)}
          min={1}
          max={24}
          allowDecimal={false}
          w={180}
        />
        <Button onClick={() => simulate.mutate()} loading={simulate.isPending}>
          {tv('simulation.run')}
        </Button>
      </Group>
      {simulate.error && (
        <Alert color="red" role="alert">
          {failure(simulate.error)}
        </Alert>
      )}
      {simulate.data && <SimulationResult simulation={simulate.data} />}
    </Stack>
  );
}

function SimulationResult({ simulation }: { simulation: Simulation }) {
  const { tv, format, amount } = useVendorT();
  const countryName = useCountryName();
  const unit = simulation.unit;
  return (
    <Stack data-testid="simulation-result">
      <Text size="sm">
        {tv('simulation.window', {
          from: format.date(simulation.from),
          to: format.date(simulation.to),
          lines: format.decimal(String(simulation.lines)),
        })}
      </Text>
      <Group>
        <Text fw={700}>
          {tv('simulation.cost')}: {amount(simulation.total, unit)}
        </Text>
        <Text>
          {tv('simulation.budget')}:{' '}
          {simulation.budget_total === null ? tv('simulation.noBudget') : amount(simulation.budget_total, unit)}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={560} scrollAreaProps={KEYBOARD_SCROLL}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{tv('simulation.period')}</Table.Th>
              <Table.Th>{tv('simulation.uncapped')}</Table.Th>
              <Table.Th>{tv('simulation.cost')}</Table.Th>
              <Table.Th>{tv('simulation.budget')}</Table.Th>
              <Table.Th>{tv('simulation.earners')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {simulation.periods.map((period) => (
              <Table.Tr key={period.start}>
                <Table.Td>
                  {format.date(period.start)} – {format.date(period.end)}
                </Table.Td>
                <Table.Td>{amount(period.uncapped, unit)}</Table.Td>
                <Table.Td>{amount(period.amount, unit)}</Table.Td>
                <Table.Td>
                  {period.budget === null ? (
                    tv('simulation.noBudget')
                  ) : (
                    <Group gap="xs">
                      {amount(period.budget, unit)}
                      <Badge color={period.over_budget ? 'red.9' : '#1b5e20'} variant="filled">
                        {period.over_budget ? tv('simulation.overBudget') : tv('simulation.withinBudget')}
                      </Badge>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>{format.decimal(String(period.earners))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {simulation.by_country.length > 0 && (
        <div role="img" aria-label={tv('simulation.chart')}>
          <BarChart
            h={220}
            data={simulation.by_country.map((row) => ({
              country: countryName(row.key),
              // The chart only draws bar heights; every figure shown as text stays an exact string.
              cost: Number(row.amount),
            }))}
            dataKey="country"
            series={[{ name: 'cost', label: tv('simulation.cost'), color: 'blue.7' }]}
            valueFormatter={(value) => amount(String(value), unit)}
            yAxisProps={{ width: 96 }}
          />
        </div>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }} style={{ alignItems: 'start' }}>
        <DimensionTable
          title={tv('simulation.byCountry')}
          rows={simulation.by_country.map((row) => ({ ...row, key: countryName(row.key) }))}
          unit={unit}
        />
        <DimensionTable title={tv('simulation.byCluster')} rows={simulation.by_cluster} unit={unit} />
        <DimensionTable title={tv('simulation.byPartnerType')} rows={simulation.by_partner_type} unit={unit} />
      </SimpleGrid>
    </Stack>
  );
}

function DimensionTable({ title, rows, unit }: { title: string; rows: DimensionTotal[]; unit: string }) {
  const { tv, format, amount } = useVendorT();
  return (
    <Table>
      <caption>{title}</caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{tv('simulation.key')}</Table.Th>
          <Table.Th>{tv('simulation.cost')}</Table.Th>
          <Table.Th>{tv('simulation.earners')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Td dir="auto">{row.key}</Table.Td>
            <Table.Td>{amount(row.amount, unit)}</Table.Td>
            <Table.Td>{format.decimal(String(row.earners))}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
