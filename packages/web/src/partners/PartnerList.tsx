import { Alert, Badge, Group, Loader, SegmentedControl, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { PartnerType } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { useCountryName } from '../i18n/use-country-name.ts';
import { LoadMore } from '../lists/LoadMore.tsx';

type TypeFilter = PartnerType | 'all';

/** The partners the signed-in user may see, filtered by type and name, a page at a time. */
export function PartnerList() {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const [type, setType] = useState<TypeFilter>('all');
  const [nameInput, setNameInput] = useState('');
  const [name] = useDebouncedValue(nameInput.trim(), 300);
  const query = { type: type === 'all' ? undefined : type, name_starts_with: name || undefined };
  const partners = useInfiniteQuery({
    queryKey: ['partners', query],
    queryFn: ({ pageParam, signal }) => api.partners.list({ ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = partners.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <Group align="flex-end" mb="md">
        <SegmentedControl
          aria-label={t('partners.type')}
          value={type}
          onChange={(value) => setType(value as TypeFilter)}
          data={[
            { value: 'all', label: t('partners.allTypes') },
            { value: 'distributor', label: t('partners.types.distributor') },
            { value: 'reseller', label: t('partners.types.reseller') },
          ]}
        />
        <TextInput
          label={t('partners.nameFilter')}
          value={nameInput}
          onChange={(event) => setNameInput(event.currentTarget.value)}
        />
      </Group>
      {partners.isError && (
        <Alert color="red" title={t('errors.title')} role="alert">
          {errorMessage(t, partners.error)}
        </Alert>
      )}
      {partners.isPending ? (
        <Loader aria-label={t('status.loading')} />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('partners.name')}</Table.Th>
                <Table.Th>{t('partners.id')}</Table.Th>
                <Table.Th>{t('partners.type')}</Table.Th>
                <Table.Th>{t('partners.country')}</Table.Th>
                <Table.Th>{t('partners.level')}</Table.Th>
                <Table.Th>{t('partners.distributor')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>{t('partners.none')}</Table.Td>
                </Table.Tr>
              )}
              {rows.map((partner) => (
                <Table.Tr key={partner.partner_id}>
                  <Table.Td>
                    {partner.name}
                    {partner.individual_agreement && (
                      <Badge ms="xs" variant="light" color="grape">
                        {t('partners.individualAgreement')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td dir="ltr">{partner.partner_id}</Table.Td>
                  <Table.Td>{t(`partners.types.${partner.type}`)}</Table.Td>
                  <Table.Td>{countryName(partner.country)}</Table.Td>
                  <Table.Td>{partner.level}</Table.Td>
                  <Table.Td dir="ltr">{partner.distributor_id ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        shown={rows.length}
        hasMore={partners.hasNextPage}
        loading={partners.isFetchingNextPage}
        onLoad={() => void partners.fetchNextPage()}
      />
    </>
  );
}
