import { Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { nextDay, usePartnerFormat } from './amounts.ts';
import { type IncentivizedProgram, partnerApi } from './partner-api.ts';
import { QueryState } from './QueryState.tsx';
import { usePartnerT } from './use-partner-t.ts';

const DECIMAL = /^\d{1,16}(\.\d{1,4})?$/;

function GoalForm({ program, partnerId }: { program: IncentivizedProgram; partnerId: string }) {
  const { t, tp } = usePartnerT();
  const format = usePartnerFormat();
  const [target, setTarget] = useState('');
  const nextStart = nextDay(program.period.end);
  const save = useMutation({
    mutationFn: () => partnerApi.setGoal(program.program_id, partnerId, nextStart, target, program.measure.metric),
    onSuccess: () =>
      notifications.show({
        color: 'green',
        message: tp('goal.saved'),
        closeButtonProps: { 'aria-label': tp('goal.dismiss') },
      }),
  });
  const invalid = target !== '' && !DECIMAL.test(target);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!invalid && target !== '') save.mutate();
      }}
    >
      <Stack gap="xs">
        <Text fw={600}>{program.name}</Text>
        <Text size="sm">{tp('goal.nextPeriod', { date: format.date(nextStart) })}</Text>
        <Group align="flex-end">
          <TextInput
            label={tp('goal.target', { metric: tp(`products.metric.${program.measure.metric}`) })}
            inputMode="decimal"
            dir="ltr"
            value={target}
            error={invalid ? t('errors.validation_failed') : save.isError ? errorMessage(t, save.error) : undefined}
            onChange={(event) => setTarget(event.currentTarget.value.trim())}
          />
          <Button type="submit" loading={save.isPending}>
            {tp('goal.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DistributorForm({ partnerId }: { partnerId: string }) {
  const { t, tp } = usePartnerT();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<string | null>(null);
  const distributors = useQuery({
    queryKey: ['partner', 'distributors'],
    queryFn: ({ signal }) => partnerApi.distributors(signal),
  });
  const save = useMutation({
    mutationFn: (distributorId: string) => partnerApi.choosePreferredDistributor(partnerId, distributorId),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: tp('goal.chosen'),
        closeButtonProps: { 'aria-label': tp('goal.dismiss') },
      });
      void queryClient.invalidateQueries({ queryKey: ['partner'] });
    },
  });
  return (
    <QueryState isPending={distributors.isPending} error={distributors.error}>
      {() => (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (choice) save.mutate(choice);
          }}
        >
          <Group align="flex-end">
            <Select
              label={tp('goal.distributor')}
              data={(distributors.data?.items ?? []).map((d) => ({ value: d.partner_id, label: d.name }))}
              value={choice}
              onChange={setChoice}
              searchable
              error={save.isError ? errorMessage(t, save.error) : undefined}
            />
            <Button type="submit" loading={save.isPending} disabled={!choice}>
              {tp('goal.choose')}
            </Button>
          </Group>
        </form>
      )}
    </QueryState>
  );
}

/** A reseller admin sets next period's goal per program and chooses its preferred distributor. */
export function GoalPage() {
  const { t, tp } = usePartnerT();
  const user = useSignedInUser();
  const partnerId = user.partner_id ?? '';
  const programs = useQuery({
    queryKey: ['partner', 'programs'],
    queryFn: ({ signal }) => partnerApi.programs(signal),
  });
  return (
    <Stack>
      <Title order={1}>{t('nav.goal')}</Title>
      <Card withBorder padding="md">
        <Title order={2} size="h3" mb="sm">
          {tp('goal.goalSection')}
        </Title>
        <QueryState isPending={programs.isPending} error={programs.error}>
          {() => {
            const withGoal = programs.data?.programs.filter((program) => program.goal !== null) ?? [];
            if (withGoal.length === 0) return <Text>{tp('goal.noGoalPrograms')}</Text>;
            return (
              <Stack>
                {withGoal.map((program) => (
                  <GoalForm key={program.program_id} program={program} partnerId={partnerId} />
                ))}
              </Stack>
            );
          }}
        </QueryState>
      </Card>
      <Card withBorder padding="md">
        <Title order={2} size="h3" mb="sm">
          {tp('goal.distributorSection')}
        </Title>
        <DistributorForm partnerId={partnerId} />
      </Card>
    </Stack>
  );
}
