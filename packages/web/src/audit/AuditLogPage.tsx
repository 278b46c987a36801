import { Code, Stack, Table, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { useFormat } from '../i18n/use-format.ts';
import { CursorTable } from '../lists/CursorTable.tsx';
import { useCursorList } from '../lists/use-cursor-list.ts';

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
  const entries = useCursorList('audit-log', query, api.auditLog.list);

  return (
    <Stack>
      <Title order={1}>{t('nav.audit')}</Title>
      <CursorTable
        list={entries}
        filters={
          <>
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
          </>
        }
        columns={[
          t('audit.when'),
          t('audit.actor'),
          t('audit.action'),
          t('audit.entity'),
          t('audit.record'),
          t('audit.change'),
        ]}
        none={t('audit.none')}
        minWidth={760}
        row={(entry) => (
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
        )}
      />
    </Stack>
  );
}
