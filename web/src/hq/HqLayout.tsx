// The back office frame: header with the product and the signed-in user, navigation on the left, the page in the middle.
import { Anchor, AppShell, Badge, Burger, Button, Center, Container, Group, Loader, NavLink, ScrollArea, Stack, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBuildingStore,
  IconChecklist,
  IconHierarchy2,
  IconHistory,
  IconInbox,
  IconLogout,
  IconNumbers,
  IconPackage,
  IconReceipt,
  IconFileInvoice,
  IconRefresh,
  IconShieldLock,
  IconUsers,
  IconHeartHandshake,
  IconTargetArrow,
  IconMail,
  IconTemplate,
  IconBell,
  IconArrowsExchange,
  IconTrophy,
  IconBuilding,
  IconUser,
  IconFolders,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isStatus, unwrap } from '../api/client.ts';
import type { Me } from '../api/client.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { salesOrderReaders } from './salesOrders.ts';
import { hasAnyRole, hqRoles, isAdministrator, salesRoles, useMe } from './useMe.ts';

interface NavEntry {
  /** Its text: layout.nav.<label> in hq. */
  label: NavLabel;
  to: string;
  icon: ReactNode;
  adminOnly?: boolean;
  /** Who sees it (administrators see everything); HQ operations by default. */
  roles?: readonly string[];
  /** Active only on this exact address (a parent of other entries). */
  exact?: boolean;
}

type NavLabel = 'allProspects' | 'onboardingCases' | 'customers' | 'products' | 'salesOrders' | 'invoices' | 'customerHierarchies' | 'distributionJobs' | 'jobHistory' | 'channelRequests' | 'deliveryLog' | 'mailTemplates' | 'notificationProfiles' | 'leads' | 'opportunities' | 'accounts' | 'contacts' | 'dualWrite' | 'onlineStore' | 'numberSequences' | 'staffUsers';

/** Group titles are layout.groups.<title> in hq. */
const navGroups: { title: 'partners' | 'distribution' | 'mail' | 'sales' | 'integration' | 'setup'; entries: NavEntry[] }[] = [
  {
    title: 'partners',
    entries: [
      { label: 'allProspects', to: '/hq/prospects', icon: <IconChecklist size={18} /> },
      { label: 'onboardingCases', to: '/hq/onboarding-cases', icon: <IconFolders size={18} />, roles: ['hq-operations', 'salesperson', 'sales-manager'] },
      { label: 'customers', to: '/hq/customers', icon: <IconAddressBook size={18} /> },
      { label: 'products', to: '/hq/products', icon: <IconPackage size={18} />, roles: ['hq-operations', 'sales-manager', 'salesperson'] },
      { label: 'salesOrders', to: '/hq/sales-orders', icon: <IconReceipt size={18} />, roles: salesOrderReaders },
      { label: 'invoices', to: '/hq/invoices', icon: <IconFileInvoice size={18} />, roles: salesOrderReaders },
      { label: 'customerHierarchies', to: '/hq/customer-hierarchies', icon: <IconHierarchy2 size={18} /> },
    ],
  },
  {
    title: 'distribution',
    entries: [
      { label: 'distributionJobs', to: '/hq/distribution', icon: <IconRefresh size={18} />, exact: true },
      { label: 'jobHistory', to: '/hq/distribution/history', icon: <IconHistory size={18} /> },
      { label: 'channelRequests', to: '/hq/channel-requests', icon: <IconInbox size={18} /> },
    ],
  },
  {
    title: 'mail',
    entries: [
      { label: 'deliveryLog', to: '/hq/mail', icon: <IconMail size={18} />, exact: true },
      { label: 'mailTemplates', to: '/hq/mail/templates', icon: <IconTemplate size={18} /> },
      { label: 'notificationProfiles', to: '/hq/mail/profiles', icon: <IconBell size={18} /> },
    ],
  },
  {
    title: 'sales',
    entries: [
      { label: 'leads', to: '/sales/leads', icon: <IconTargetArrow size={18} />, roles: salesRoles },
      { label: 'opportunities', to: '/sales/opportunities', icon: <IconTrophy size={18} />, roles: salesRoles },
      { label: 'accounts', to: '/sales/accounts', icon: <IconBuilding size={18} />, roles: salesRoles },
      { label: 'contacts', to: '/sales/contacts', icon: <IconUser size={18} />, roles: salesRoles },
    ],
  },
  {
    title: 'integration',
    entries: [{ label: 'dualWrite', to: '/hq/dual-write', icon: <IconArrowsExchange size={18} />, roles: ['integration-administrator'] }],
  },
  {
    title: 'setup',
    entries: [
      { label: 'onlineStore', to: '/hq/online-store', icon: <IconBuildingStore size={18} /> },
      { label: 'numberSequences', to: '/hq/number-sequences', icon: <IconNumbers size={18} />, adminOnly: true },
      { label: 'staffUsers', to: '/hq/staff-users', icon: <IconUsers size={18} />, adminOnly: true },
    ],
  },
];

function isActive(entry: NavEntry, pathname: string): boolean {
  if (entry.exact) return pathname === entry.to || pathname === `${entry.to}/`;
  return pathname === entry.to || pathname.startsWith(`${entry.to}/`);
}

export function HqLayout() {
  const { t } = useTranslation('hq');
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();

  useEffect(close, [pathname, close]);

  if (me.isPending || (me.isError && isStatus(me.error, 401))) {
    // A 401 sends the user to the sign-in page (see main.tsx); until then, wait.
    return (
      <Center h="100vh">
        <Loader aria-label={t('common:ui.loading')} />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Container size="sm" py={80}>
        <Stack>
          <ErrorAlert error={me.error} title={t('layout.couldNotStart')} />
          <Button variant="light" onClick={() => void me.refetch()} style={{ alignSelf: 'flex-start' }}>
            {t('layout.tryAgain')}
          </Button>
        </Stack>
      </Container>
    );
  }

  const admin = isAdministrator(me.data);
  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Header me={me.data} burger={<Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('layout.toggleNavigation')} />} />
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('layout.mainNavigation')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {navGroups.map((group) => {
              const entries = group.entries.filter((entry) => (entry.adminOnly ? admin : hasAnyRole(me.data, entry.roles ?? hqRoles)));
              if (entries.length === 0) return null;
              return (
                <Stack key={group.title} gap={2}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                    {t(`layout.groups.${group.title}`)}
                  </Text>
                  {entries.map((entry) => (
                    <NavLink
                      key={entry.to}
                      component={Link}
                      to={entry.to}
                      label={t(`layout.nav.${entry.label}`)}
                      leftSection={entry.icon}
                      active={isActive(entry, pathname)}
                      variant="light"
                      style={{ borderRadius: 'var(--mantine-radius-md)' }}
                    />
                  ))}
                </Stack>
              );
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pt="sm">
            <a href="/docs" target="_blank" rel="noreferrer" style={{ color: 'inherit' }}>
              {t('layout.apiReference')}
            </a>
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Container size="xl" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

function Header({ me, burger }: { me: Me; burger: ReactNode }) {
  const { t } = useTranslation('hq');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/sign-out')),
    onSettled: async () => {
      await navigate('/hq/sign-in', { replace: true });
      queryClient.clear();
    },
  });
  const admin = isAdministrator(me);

  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        {burger}
        <Anchor component={Link} to="/hq" underline="never" c="inherit">
          <Group gap={8} wrap="nowrap">
            <ThemeIcon size="md" radius="md">
              <IconHeartHandshake size={18} />
            </ThemeIcon>
            <Text fw={800} size="lg">
              Handshake HQ
            </Text>
          </Group>
        </Anchor>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Stack gap={0} align="flex-end" visibleFrom="xs">
          <Text size="sm" fw={600} lh={1.2}>
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            {me.user.email}
          </Text>
        </Stack>
        {/* The badge says it once: the seeded administrator is also named Administrator. */}
        {admin && me.user.name.trim().toLowerCase() !== 'administrator' ? (
          <Badge variant="light" color="grape" leftSection={<IconShieldLock size={12} />} visibleFrom="md">
            {t('layout.administrator')}
          </Badge>
        ) : null}
        <LanguageSwitcher />
        <Button variant="default" size="xs" leftSection={<IconLogout size={14} />} loading={signOut.isPending} onClick={() => signOut.mutate()}>
          {t('layout.signOut')}
        </Button>
      </Group>
    </Group>
  );
}

/** The first page the signed-in user may use: the CRM's leads for sales people, All prospects otherwise. */
export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return null;
  const home = hasAnyRole(me.data, hqRoles) ? '/hq/prospects' : hasAnyRole(me.data, salesRoles) ? '/sales/leads' : hasAnyRole(me.data, ['integration-administrator']) ? '/hq/dual-write' : '/hq/prospects';
  return <Navigate to={home} replace />;
}
