import { Badge, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatUnitAmount, usePartnerFormat } from './amounts.ts';
import { PromotionText } from './PromotionText.tsx';
import { type ProgramWhatIf, partnerApi } from './partner-api.ts';
import { QueryState } from './QueryState.tsx';
import { usePartnerT } from './use-partner-t.ts';

/** Progress towards the goal with each gate drawn where it opens (the bar ends at the highest gate or 100 %). */
function GoalProgress({ program }: { program: ProgramWhatIf }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  const { what_if: w } = program;
  if (!w.uses_goal) return null;
  if (w.goal === null || w.attainment_percent === null) return <Text>{tp('earn.noGoal')}</Text>;
  const gatePercents = w.gates.map((gate) => Number(gate.percent));
  // Only the drawing uses numbers; every figure shown is formatted from the exact strings.
  const scale = Math.max(100, Number(w.attainment_percent), ...gatePercents);
  return (
    <Stack gap={4}>
      <Text>
        {tp('earn.progress', {
          measure: format.decimal(w.measure),
          goal: format.decimal(w.goal),
          percent: format.decimal(w.attainment_percent),
        })}
      </Text>
      <div style={{ position: 'relative' }}>
        <Progress
          value={(Number(w.attainment_percent) / scale) * 100}
          size="xl"
          aria-label={tp('earn.progress', {
            measure: format.decimal(w.measure),
            goal: format.decimal(w.goal),
            percent: format.decimal(w.attainment_percent),
          })}
        />
        {w.gates.map((gate) => (
          <div
            key={gate.kind + gate.percent}
            aria-hidden="true"
            style={{
              position: 'absolute',
              top: -4,
              bottom: -4,
              insetInlineStart: `${(Number(gate.percent) / scale) * 100}%`,
              borderInlineStart: '3px solid var(--mantine-color-red-8)',
            }}
          />
        ))}
      </div>
      {w.gates.map((gate) => (
        <Group key={`${gate.kind}-${gate.percent}`} gap="xs" wrap="nowrap" align="flex-start">
          <Badge variant="filled" color="red.9" style={{ flexShrink: 0 }}>
            {tp(`earn.gateKind.${gate.kind}`)}
          </Badge>
          <Text fw={600}>
            {w.metric === 'units'
              ? tp('earn.gateUnits', {
                  missing: Number(gate.missing),
                  percent: format.decimal(gate.percent),
                  gain: formatUnitAmount(format, gate.gain, w.unit),
                })
              : tp('earn.gateRevenue', {
                  missing: format.decimal(gate.missing),
                  percent: format.decimal(gate.percent),
                  gain: formatUnitAmount(format, gate.gain, w.unit),
                })}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The budget factor as a percentage, cut (not rounded) to two decimals of a percent: "0.833333" → 83.33 %. */
function budgetPercent(factor: string): string {
  return factor.replace(/^(\d+\.\d{4})\d+$/, '$1');
}

/** Says that the figures above are an estimate after the budget the program shares with others. */
function SharedBudgetNote({ program }: { program: ProgramWhatIf }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  const { budget, unit } = program.what_if;
  if (budget === null || budget === undefined) return null;
  return (
    <Text size="sm" c="dimmed">
      {budget.policy === 'pro_rata'
        ? tp('earn.budgetProRata', { percent: format.percent(budgetPercent(budget.factor)) })
        : tp('earn.budgetFirstCome', { amount: formatUnitAmount(format, budget.remaining, unit) })}
    </Text>
  );
}

function ProgramCard({ program }: { program: ProgramWhatIf }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  const { what_if: w } = program;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {program.program_name}
          </Title>
          <Text size="sm" c="dimmed">
            {tp('earn.periodRange', { from: format.date(program.period.start), to: format.date(program.period.end) })}
          </Text>
        </Group>
        <Text>{tp('earn.earnedSoFar', { amount: formatUnitAmount(format, w.earning, w.unit) })}</Text>
        <GoalProgress program={program} />
        {w.next_currency_unit && (
          <Text>
            {tp('earn.nextCurrencyUnit', {
              currency: w.next_currency_unit.currency,
              gain: formatUnitAmount(format, w.next_currency_unit.gain, w.unit),
            })}
          </Text>
        )}
        {w.next_unit.length > 0 && w.next_unit.some((row) => row.product !== null) && (
          <Table.ScrollContainer minWidth={280} type="native" tabIndex={0}>
            <Table captionSide="top">
              <Table.Caption>{tp('earn.nextUnit')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tp('earn.product')}</Table.Th>
                  <Table.Th>{tp('earn.gain')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {w.next_unit.map((row) => (
                  <Table.Tr key={row.product ?? ''}>
                    <Table.Td dir="ltr">{row.product}</Table.Td>
                    <Table.Td>{formatUnitAmount(format, row.gain, w.unit)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <SharedBudgetNote program={program} />
        {program.promotions.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              {tp('earn.promotions')}
            </Title>
            {program.promotions.map((promotion) => (
              <PromotionText key={promotion.id} promotion={promotion} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** "What can I still earn": per program, progress to the goal gates, the next unit's value, promotions. */
export function EarnPage() {
  const { t, tp } = usePartnerT();
  const whatIf = useQuery({ queryKey: ['partner', 'what-if'], queryFn: ({ signal }) => partnerApi.whatIf(signal) });
  return (
    <Stack>
      <Title order={1}>{t('nav.earn')}</Title>
      <QueryState isPending={whatIf.isPending} error={whatIf.error}>
        {() =>
          whatIf.data?.programs.length === 0 ? (
            <Text>{tp('earn.none')}</Text>
          ) : (
            whatIf.data?.programs.map((program) => <ProgramCard key={program.program_id} program={program} />)
          )
        }
      </QueryState>
    </Stack>
  );
}
