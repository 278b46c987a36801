import { Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { formatUnitAmount, usePartnerFormat } from './amounts.ts';
import { PromotionText } from './PromotionText.tsx';
import { type IncentivizedProgram, partnerApi, type Reward } from './partner-api.ts';
import { QueryState } from './QueryState.tsx';
import { usePartnerT } from './use-partner-t.ts';

/** One rule in plain words, with the rates per product or family as a table. */
function RewardRule({ reward, program }: { reward: Reward; program: IncentivizedProgram }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  const money = (amount: string) => formatUnitAmount(format, amount, program.unit);
  const metric = tp(`products.metric.${program.measure.metric}`);
  switch (reward.type) {
    case 'per_unit':
      return (
        <Stack gap={4}>
          <Text>{tp('products.perUnit', { by: tp(`products.by.${reward.by}`) })}</Text>
          <Table.ScrollContainer minWidth={280} type="native" tabIndex={0}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tp('products.item')}</Table.Th>
                  <Table.Th>{tp('products.reward')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {Object.entries(reward.amounts).map(([item, amount]) => (
                  <Table.Tr key={item}>
                    <Table.Td dir="ltr">{item}</Table.Td>
                    <Table.Td>{money(amount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      );
    case 'percent_of_revenue':
      return <Text>{tp('products.percentOfRevenue', { percent: format.decimal(reward.percent) })}</Text>;
    case 'tiers':
      return (
        <Stack gap={4}>
          <Text>{tp('products.tiers', { metric, mode: tp(`products.mode.${reward.mode}`) })}</Text>
          {reward.threshold && <Text>{tp('products.threshold', { threshold: format.decimal(reward.threshold) })}</Text>}
          <List>
            {reward.tiers.map((tier) => {
              const rate =
                tier.percent !== undefined ? `${format.decimal(tier.percent)} %` : money(tier.per_unit ?? '0');
              return (
                <List.Item key={tier.from}>
                  {tier.to === undefined
                    ? tp('products.tierFrom', { from: format.decimal(tier.from), rate })
                    : tp('products.tierFromTo', { from: format.decimal(tier.from), to: format.decimal(tier.to), rate })}
                </List.Item>
              );
            })}
          </List>
        </Stack>
      );
    case 'target_bonus':
      return <Text>{tp('products.targetBonus', { amount: money(reward.amount) })}</Text>;
  }
}

function ProgramRules({ program }: { program: IncentivizedProgram }) {
  const { tp } = usePartnerT();
  const format = usePartnerFormat();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {program.name}
          </Title>
          <Badge variant="filled" color="blue.9">
            {tp(`products.participants.${program.participants}`)}
          </Badge>
        </Group>
        {program.description && <Text>{program.description}</Text>}
        {program.rewards.map((reward, index) => (
          // Rules have no id of their own; their order in the program is stable.
          // biome-ignore lint/suspicious/noArrayIndexKey: rules are listed in program order and never reordered here
          <RewardRule key={index} reward={reward} program={program} />
        ))}
        {program.goal && (
          <Text>
            {tp('products.gate', {
              min: format.decimal(program.goal.min_attainment ?? '0'),
              max: program.goal.max_attainment === null ? '∞' : format.decimal(program.goal.max_attainment),
            })}{' '}
            {program.goal.target === null
              ? tp('products.noGoalYet')
              : tp('products.yourGoal', { target: format.decimal(program.goal.target) })}
          </Text>
        )}
        {program.promotions.map((promotion) => (
          <PromotionText key={promotion.id} promotion={promotion} />
        ))}
        {program.payout_due_days !== null && (
          <Text size="sm">{tp('products.payout', { days: program.payout_due_days })}</Text>
        )}
      </Stack>
    </Card>
  );
}

/** The programs the user takes part in: rules in plain words, rates per product, promotions. */
export function ProductsPage() {
  const { t, tp } = usePartnerT();
  const programs = useQuery({
    queryKey: ['partner', 'programs'],
    queryFn: ({ signal }) => partnerApi.programs(signal),
  });
  return (
    <Stack>
      <Title order={1}>{t('nav.products')}</Title>
      <QueryState isPending={programs.isPending} error={programs.error}>
        {() =>
          programs.data?.programs.length === 0 ? (
            <Text>{tp('products.none')}</Text>
          ) : (
            programs.data?.programs.map((program) => <ProgramRules key={program.program_id} program={program} />)
          )
        }
      </QueryState>
    </Stack>
  );
}
