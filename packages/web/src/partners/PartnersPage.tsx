import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PartnerList } from './PartnerList.tsx';
import { UserList } from './UserList.tsx';

/** Vendor staff's view of the channel: the partners and the people who sign in for them. */
export function PartnersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  // The tab is part of the URL, so a link or a reload opens the same list.
  const tab = search.get('tab') === 'users' ? 'users' : 'partners';
  return (
    <Stack>
      <Title order={1}>{t('nav.partners')}</Title>
      <Tabs value={tab} onChange={(value) => setSearch(value === 'users' ? { tab: 'users' } : {})} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="partners">{t('partners.tab')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('users.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="partners">
          <PartnerList />
        </Tabs.Panel>
        <Tabs.Panel value="users">
          <UserList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
