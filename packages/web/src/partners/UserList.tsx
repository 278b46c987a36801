import { Alert, Badge, Group, Loader, Select, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { type Role, roles } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { isLanguageCode, languages } from '../i18n/languages.ts';
import { LoadMore } from '../lists/LoadMore.tsx';

function isRole(value: string | null): value is Role {
  return value !== null && (roles as readonly string[]).includes(value);
}

/** The users the signed-in user may see, filtered by role and e-mail, a page at a time. */
export function UserList() {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [emailInput, setEmailInput] = useState('');
  const [email] = useDebouncedValue(emailInput.trim(), 300);
  const query = { role, email_starts_with: email || undefined };
  const users = useInfiniteQuery({
    queryKey: ['users', query],
    queryFn: ({ pageParam, signal }) => api.users.list({ ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];
  const languageName = (code: string) =>
    isLanguageCode(code) ? (languages.find((language) => language.code === code)?.name ?? code) : code;

  return (
    <>
      <Group align="flex-end" mb="md">
        <Select
          label={t('users.role')}
          placeholder={t('users.allRoles')}
          clearable
          value={role ?? null}
          onChange={(value) => setRole(isRole(value) ? value : undefined)}
          data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
        />
        <TextInput
          label={t('users.emailFilter')}
          dir="ltr"
          value={emailInput}
          onChange={(event) => setEmailInput(event.currentTarget.value)}
        />
      </Group>
      {users.isError && (
        <Alert color="red" title={t('errors.title')} role="alert">
          {errorMessage(t, users.error)}
        </Alert>
      )}
      {users.isPending ? (
        <Loader aria-label={t('status.loading')} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.partner')}</Table.Th>
                <Table.Th>{t('users.language')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>{t('users.none')}</Table.Td>
                </Table.Tr>
              )}
              {rows.map((user) => (
                <Table.Tr key={user.user_id}>
                  <Table.Td>
                    {user.name}
                    {user.disabled && (
                      <Badge ms="xs" variant="light" color="gray">
                        {t('users.disabled')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td dir="ltr">{user.email}</Table.Td>
                  <Table.Td>{user.role ? t(`roles.${user.role}`) : t('users.invited')}</Table.Td>
                  <Table.Td dir="ltr">{user.partner_id ?? t('users.vendorStaff')}</Table.Td>
                  <Table.Td>{languageName(user.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        shown={rows.length}
        hasMore={users.hasNextPage}
        loading={users.isFetchingNextPage}
        onLoad={() => void users.fetchNextPage()}
      />
    </>
  );
}
