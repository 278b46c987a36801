import { Checkbox, Fieldset, Group, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { Problem } from './console-api.ts';
import { type FieldName, type FieldValue, readCommonFields, writeCommonField } from './program-form.ts';
import { useVendorT } from './use-vendor-t.ts';

/** The schema path (as the live validation names it) behind each form field. */
const PROBLEM_PATHS: Record<FieldName, string> = {
  id: 'program.id',
  name: 'program.name',
  unit: 'program.unit',
  periodKind: 'program.period',
  periodDays: 'program.period.days',
  start: 'program.start',
  end: 'program.end',
  participants: 'program.participants',
  partnerTypes: 'program.eligibility.partner_types',
  countries: 'program.eligibility.countries',
  clusters: 'program.eligibility.clusters',
  levels: 'program.eligibility.levels',
  excludeFlags: 'program.eligibility.exclude_flags',
  budgetAmount: 'program.budget.amount',
  budgetPolicy: 'program.budget.policy',
  payoutDueDays: 'program.payout_due_days',
};

/** The live validation's messages about one field (or anything inside it). */
function errorFor(problems: Problem[], field: FieldName): string | undefined {
  const path = PROBLEM_PATHS[field];
  const own = problems.filter(
    (problem) =>
      problem.path === path ||
      problem.path.startsWith(`${path}[`) ||
      (problem.path.startsWith(`${path}.`) && !(field === 'periodKind' && problem.path === PROBLEM_PATHS.periodDays)),
  );
  return own.length > 0 ? own.map((problem) => problem.message).join('; ') : undefined;
}

/**
 * The common fields of a program as a form beside the YAML: each change rewrites only its field in
 * the YAML document, and the form always shows what the YAML says.
 */
export function ProgramForm({
  text,
  onTextChange,
  isNew,
  problems,
}: {
  text: string;
  onTextChange: (text: string) => void;
  isNew: boolean;
  problems: Problem[];
}) {
  const { tv } = useVendorT();
  const fields = readCommonFields(text);
  const set = (field: FieldName, value: FieldValue) => onTextChange(writeCommonField(text, field, value));
  const error = (field: FieldName) => errorFor(problems, field);
  const options = (prefix: string, values: string[]) =>
    values.map((value) => ({ value, label: tv(`${prefix}.${value}`) }));

  if (fields === null) {
    return (
      <Text size="sm" role="status">
        {tv('form.unreadable')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <TextInput
        label={tv('form.id')}
        description={isNew ? undefined : tv('form.idFixed')}
        value={fields.id}
        readOnly={!isNew}
        dir="ltr"
        error={error('id')}
        onChange={(event) => set('id', event.currentTarget.value)}
      />
      <TextInput
        label={tv('form.name')}
        value={fields.name}
        error={error('name')}
        onChange={(event) => set('name', event.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={tv('form.unit')}
          data={options('form.unitKinds', ['cash', 'points', 'credits'])}
          value={fields.unitKind}
          allowDeselect={false}
          error={fields.unitKind === 'cash' ? undefined : error('unit')}
          onChange={(value) => value && set('unit', value === 'cash' ? 'EUR' : value)}
        />
        {fields.unitKind === 'cash' && (
          <TextInput
            label={tv('form.currency')}
            value={fields.currency}
            maxLength={3}
            dir="ltr"
            error={error('unit')}
            onChange={(event) => set('unit', event.currentTarget.value.toUpperCase())}
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <Select
          label={tv('form.every')}
          data={options('form.everyKinds', ['month', 'quarter', 'week', 'days'])}
          value={fields.periodKind || null}
          allowDeselect={false}
          error={error('periodKind')}
          onChange={(value) => value && set('periodKind', value)}
        />
        {fields.periodKind === 'days' && (
          <TextInput
            label={tv('form.days')}
            value={fields.periodDays}
            inputMode="numeric"
            dir="ltr"
            error={error('periodDays')}
            onChange={(event) => set('periodDays', event.currentTarget.value.trim())}
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          type="date"
          label={tv('form.start')}
          value={fields.start}
          error={error('start')}
          onChange={(event) => set('start', event.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={tv('form.end')}
          value={fields.end}
          error={error('end')}
          onChange={(event) => set('end', event.currentTarget.value)}
        />
      </SimpleGrid>
      <Select
        label={tv('form.participants')}
        data={options('form.participantKinds', ['partners', 'reps'])}
        value={fields.participants || null}
        allowDeselect={false}
        error={error('participants')}
        onChange={(value) => value && set('participants', value)}
      />
      <Fieldset legend={tv('form.eligibility')} variant="unstyled">
        <Stack gap="xs">
          <Checkbox.Group
            label={tv('form.partnerTypes')}
            value={fields.partnerTypes}
            error={error('partnerTypes')}
            onChange={(value) => set('partnerTypes', value)}
          >
            <Group mt={4}>
              <Checkbox value="reseller" label={tv('form.partnerTypeNames.reseller')} />
              <Checkbox value="distributor" label={tv('form.partnerTypeNames.distributor')} />
            </Group>
          </Checkbox.Group>
          <TagsInput
            label={tv('form.countries')}
            description={tv('form.listHelp')}
            value={fields.countries}
            error={error('countries')}
            onChange={(value) => set('countries', value)}
          />
          <TagsInput
            label={tv('form.clusters')}
            value={fields.clusters}
            error={error('clusters')}
            onChange={(value) => set('clusters', value)}
          />
          <TagsInput
            label={tv('form.levels')}
            value={fields.levels}
            error={error('levels')}
            onChange={(value) => set('levels', value)}
          />
          <Checkbox
            label={tv('form.excludeIndividual')}
            checked={fields.excludeIndividualAgreements}
            error={error('excludeFlags')}
            onChange={(event) => set('excludeFlags', event.currentTarget.checked)}
          />
        </Stack>
      </Fieldset>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          label={tv('form.budgetAmount')}
          value={fields.budgetAmount}
          inputMode="decimal"
          dir="ltr"
          error={error('budgetAmount')}
          onChange={(event) => set('budgetAmount', event.currentTarget.value.trim())}
        />
        <Select
          label={tv('form.budgetPolicy')}
          data={options('form.budgetPolicies', ['pro_rata', 'first_come', 'none'])}
          value={fields.budgetPolicy || null}
          clearable
          error={error('budgetPolicy')}
          onChange={(value) => set('budgetPolicy', value ?? '')}
        />
      </SimpleGrid>
      <TextInput
        label={tv('form.payoutDueDays')}
        value={fields.payoutDueDays}
        inputMode="numeric"
        dir="ltr"
        error={error('payoutDueDays')}
        onChange={(event) => set('payoutDueDays', event.currentTarget.value.trim())}
      />
    </Stack>
  );
}
