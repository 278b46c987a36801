import { Alert, Code, Group, Loader, Stack, Table, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { useFormat } from '../i18n/use-format.ts';
import { LoadMore } from '../lists/LoadMore.tsx';

function changeText(entry: AuditEntry): string {
  return JSON.stringify({ before: entry.before ?? null, after: entry.after ?? null }, null, 2);
}

/** The vendor admin's audit trail: sign-ins, permission and master-data changes, newest first. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [actorInput, setActorInput] = useState('');
  const [actionInput, setActionInput] = useState('');
  const [entityInput, setEntityInput] = useState('');
  const [[actor, action, entity]] = useDebouncedValue([actorInput.trim(), actionInput.trim(), entityInput.trim()], 300);
  const [opened, setOpened] = useState<string | null>(null);
  const query = { actor: actor || undefined, action: action || undefined, entity: entity || undefined };
  const entries = useInfiniteQuery({
    queryKey: ['audit-log', query],
    queryFn: ({ pageParam, signal }) => api.auditLog.list({ ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = entries.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={1}>{t('nav.audit')}</Title>
      <Group align="flex-end">
        <TextInput
          label={t('audit.actor')}
          dir="ltr"
          value={actorInput}
          onChange={(e) => setActorInput(e.currentTarget.value)}
        />
        <TextInput
          label={t('audit.action')}
          dir="ltr"
          value={actionInput}
          onChange={(e) => setActionInput(e.currentTarget.value)}
        />
        <TextInput
          label={t('audit.entity')}
          dir="ltr"
          value={entityInput}
          onChange={(e) => setEntityInput(e.currentTarget.value)}
        />
      </Group>
      {entries.isError && (
        <Alert color="red" title={t('errors.title')} role="alert">
          {errorMessage(t, entries.error)}
        </Alert>
      )}
      {entries.isPending ? (
        <Loader aria-label={t('status.loading')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.record')}</Table.Th>
                <Table.Th>{t('audit.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>{t('audit.none')}</Table.Td>
                </Table.Tr>
              )}
              {rows.map((entry) => (
                <Fragment key={entry.audit_id}>
                  <Table.Tr>
                    <Table.Td>{format.dateTime(entry.occurred_at)}</Table.Td>
                    <Table.Td dir="ltr">{entry.actor}</Table.Td>
                    <Table.Td dir="ltr">{entry.action}</Table.Td>
                    <Table.Td dir="ltr">{entry.entity}</Table.Td>
                    <Table.Td dir="ltr">{entry.entity_id}</Table.Td>
                    <Table.Td>
                      <UnstyledButton
                        c="blue.8"
                        td="underline"
                        aria-expanded={opened === entry.audit_id}
                        onClick={() => setOpened(opened === entry.audit_id ? null : entry.audit_id)}
                      >
                        {opened === entry.audit_id ? t('audit.hideChange') : t('audit.showChange')}
                      </UnstyledButton>
                    </Table.Td>
                  </Table.Tr>
                  {opened === entry.audit_id && (
                    <Table.Tr>
                      <Table.Td colSpan={6}>
                        <Code block dir="ltr">
                          {changeText(entry)}
                        </Code>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        shown={rows.length}
        hasMore={entries.hasNextPage}
        loading={entries.isFetchingNextPage}
        onLoad={() => void entries.fetchNextPage()}
      />
    </Stack>
  );
}
