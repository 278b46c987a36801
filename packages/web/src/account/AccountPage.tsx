import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { isLanguageCode, languages } from '../i18n/languages.ts';

/** Who is signed in, with which role, for which partner and in which profile language. */
export function AccountPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const profileLanguage = isLanguageCode(user.language)
    ? languages.find((language) => language.code === user.language)?.name
    : user.language;
  const rows: [string, string][] = [
    [t('account.name'), user.name],
    [t('account.email'), user.email],
    [t('account.role'), t(`roles.${user.role}`)],
    [t('account.partner'), user.partner_id ?? t('account.vendorStaff')],
    [t('account.language'), profileLanguage ?? user.language],
  ];
  return (
    <Stack maw={640}>
      <Title order={1}>{t('account.title')}</Title>
      <Table variant="vertical" withTableBorder layout="fixed">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="40%">{label}</Table.Th>
              {/* Long e-mail addresses wrap instead of widening the page on a phone. */}
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text>{t('account.languageHint')}</Text>
    </Stack>
  );
}
