import { SegmentedControl, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { PartnerType } from '../api/types.ts';
import { useCountryName } from '../i18n/use-country-name.ts';
import { CursorTable } from '../lists/CursorTable.tsx';
import { NameCell } from '../lists/NameCell.tsx';
import { useCursorList } from '../lists/use-cursor-list.ts';

type TypeFilter = PartnerType | 'all';

/** The partners the signed-in user may see, filtered by type and name, a page at a time. */
export function PartnerList() {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const [type, setType] = useState<TypeFilter>('all');
  const [nameInput, setNameInput] = useState('');
  const [name] = useDebouncedValue(nameInput.trim(), 300);
  const partners = useCursorList(
    'partners',
    { type: type === 'all' ? undefined : type, name_starts_with: name || undefined },
    api.partners.list,
  );

  return (
    <CursorTable
      list={partners}
      filters={
        <>
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
        </>
      }
      columns={[
        t('partners.name'),
        t('partners.id'),
        t('partners.type'),
        t('partners.country'),
        t('partners.level'),
        t('partners.distributor'),
      ]}
      none={t('partners.none')}
      row={(partner) => (
        <Table.Tr key={partner.partner_id}>
          <NameCell
            name={partner.name}
            badge={partner.individual_agreement && t('partners.individualAgreement')}
            color="grape"
          />
          <Table.Td dir="ltr">{partner.partner_id}</Table.Td>
          <Table.Td>{t(`partners.types.${partner.type}`)}</Table.Td>
          <Table.Td>{countryName(partner.country)}</Table.Td>
          <Table.Td>{partner.level}</Table.Td>
          <Table.Td dir="ltr">{partner.distributor_id ?? ''}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
