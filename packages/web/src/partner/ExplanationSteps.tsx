import { Card, Stack, Table, Text, Title } from '@mantine/core';
import type { PartnerFormatters } from './amounts.ts';
import { formatUnitAmount, usePartnerFormat } from './amounts.ts';
import type { ExplanationStep } from './partner-api.ts';
import { usePartnerT } from './use-partner-t.ts';

const text = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));

function ProductTable({
  rows,
  withRate,
  format,
  unit,
}: {
  rows: unknown;
  withRate: boolean;
  format: PartnerFormatters;
  unit: string;
}) {
  const { tp } = usePartnerT();
  if (!Array.isArray(rows) || rows.length === 0) return null;
  return (
    <Table.ScrollContainer minWidth={280} type="native" tabIndex={0}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{tp('statement.sku')}</Table.Th>
            <Table.Th>{tp('explain.units')}</Table.Th>
            {withRate && <Table.Th>{tp('explain.rate')}</Table.Th>}
            {withRate && <Table.Th>{tp('statement.amount')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row: Record<string, unknown>) => (
            <Table.Tr key={text(row.product)}>
              <Table.Td dir="ltr">{text(row.product)}</Table.Td>
              <Table.Td>{format.decimal(text(row.units))}</Table.Td>
              {withRate && <Table.Td>{formatUnitAmount(format, text(row.rate), unit)}</Table.Td>}
              {withRate && <Table.Td>{formatUnitAmount(format, text(row.amount), unit)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function StepBody({ step, unit }: { step: ExplanationStep; unit: string }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  const amount = (value: unknown) => formatUnitAmount(format, text(value), unit);
  const change =
    'before' in step && 'after' in step ? (
      <Text>{tp('explain.change', { before: amount(step.before), after: amount(step.after) })}</Text>
    ) : null;
  switch (step.step) {
    case 'participant':
      return null;
    case 'measure':
      return (
        <>
          <Text>
            {tp('explain.value', {
              value: format.decimal(text(step.value)),
              metric: step.metric === 'revenue' ? text(step.currency) : tp('products.metric.units'),
            })}
          </Text>
          <ProductTable rows={step.units_by_product} withRate={false} format={format} unit={unit} />
        </>
      );
    case 'reward':
      return (
        <>
          {step.rule === 'per_unit' && <ProductTable rows={step.lines} withRate format={format} unit={unit} />}
          <Text fw={600}>{tp('explain.total', { total: amount(step.total) })}</Text>
        </>
      );
    case 'promotion':
      return (
        <Text>
          {tp('explain.promotion', {
            base: amount(step.base),
            multiplier: format.decimal(text(step.multiplier)),
            uplift: amount(step.uplift),
          })}
        </Text>
      );
    case 'gate':
      return (
        <>
          {step.attainment_percent != null && (
            <Text>
              {tp('explain.gate', {
                attainment: format.decimal(text(step.attainment_percent)),
                min: step.min_percent == null ? '0' : format.decimal(text(step.min_percent)),
                max: step.max_percent == null ? '∞' : format.decimal(text(step.max_percent)),
              })}
            </Text>
          )}
          {change}
        </>
      );
    case 'share_given':
      return (
        <Text>
          {tp('explain.shareGiven', { percent: format.decimal(text(step.percent)), earning: amount(step.earning) })}
        </Text>
      );
    case 'share_received':
      return <Text fw={600}>{tp('explain.total', { total: amount(step.total) })}</Text>;
    default:
      return change;
  }
}

/** The engine's explanation, one card per step in the order the engine applied them. */
export function ExplanationSteps({ steps, unit }: { steps: ExplanationStep[]; unit: string }) {
  const { tp } = usePartnerT();
  return (
    <Stack gap="xs">
      {steps
        .filter((step) => step.step !== 'participant')
        .map((step, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the steps are a fixed, ordered list
          <Card key={index} withBorder padding="sm">
            <Title order={3} size="h5">
              {tp(`statement.step.${step.step}`)}
            </Title>
            <StepBody step={step} unit={unit} />
          </Card>
        ))}
    </Stack>
  );
}
