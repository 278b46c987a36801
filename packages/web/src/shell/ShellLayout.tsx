import { AppShell, Burger, Button, Center, Group, Loader, Menu, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSignOut } from '../auth/session.ts';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher.tsx';
import { navigationFor } from './navigation.ts';

/** Header with name, language and user; the role's menu beside the page (a drawer on phones). */
export function ShellLayout({ pagesBuilt }: { pagesBuilt: ReadonlySet<string> }) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const items = navigationFor(user.role, pagesBuilt);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggleNav}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpen ? t('nav.close') : t('nav.open')}
            />
            <UnstyledButton component={Link} to="/">
              <Text fw={700} size="xl" c="blue.8">
                {t('app.name')}
              </Text>
            </UnstyledButton>
            <Text visibleFrom="md">{t('app.tagline')}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconUserCircle size={20} aria-hidden />}
                  rightSection={<IconChevronDown size={14} aria-hidden />}
                  aria-label={t('header.userMenu', { name: user.name })}
                >
                  <Text span visibleFrom="xs" inherit>
                    {user.name}
                  </Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t(`roles.${user.role}`)}</Menu.Label>
                <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={16} aria-hidden />}
                  onClick={() =>
                    signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })
                  }
                >
                  {t('header.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {items.map((item) => (
          <NavLink
            key={item.path}
            component={Link}
            to={item.path}
            label={t(`nav.${item.label}`)}
            active={location.pathname === item.path || location.pathname.startsWith(`${item.path}/`)}
            aria-current={location.pathname === item.path ? 'page' : undefined}
            onClick={closeNav}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {/* Pages load as separate chunks (app/pages.tsx): the header and menu stay while one arrives. */}
        <Suspense
          fallback={
            <Center mih={200}>
              <Loader aria-label={t('status.loading')} />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
