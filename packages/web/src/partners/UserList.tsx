import { Select, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { type Role, roles } from '../api/types.ts';
import { isLanguageCode, languages } from '../i18n/languages.ts';
import { CursorTable } from '../lists/CursorTable.tsx';
import { NameCell } from '../lists/NameCell.tsx';
import { useCursorList } from '../lists/use-cursor-list.ts';

function isRole(value: string | null): value is Role {
  return value !== null && (roles as readonly string[]).includes(value);
}

/** The users the signed-in user may see, filtered by role and e-mail, a page at a time. */
export function UserList() {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [emailInput, setEmailInput] = useState('');
  const [email] = useDebouncedValue(emailInput.trim(), 300);
  const users = useCursorList('users', { role, email_starts_with: email || undefined }, api.users.list);
  const languageName = (code: string) =>
    isLanguageCode(code) ? (languages.find((language) => language.code === code)?.name ?? code) : code;

  return (
    <CursorTable
      list={users}
      filters={
        <>
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
        </>
      }
      columns={[t('users.name'), t('users.email'), t('users.role'), t('users.partner'), t('users.language')]}
      none={t('users.none')}
      row={(user) => (
        <Table.Tr key={user.user_id}>
          <NameCell name={user.name} badge={user.disabled && t('users.disabled')} color="gray" />
          <Table.Td dir="ltr">{user.email}</Table.Td>
          <Table.Td>{user.role ? t(`roles.${user.role}`) : t('users.invited')}</Table.Td>
          <Table.Td dir="ltr">{user.partner_id ?? t('users.vendorStaff')}</Table.Td>
          <Table.Td>{languageName(user.language)}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
