// The public storefront's frame: the store's name on top with who is signed in, a small footer with the staff sign-in link.
import { Anchor, Box, Button, Container, Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingStore, IconLogout, IconPackage, IconShoppingCart, IconUserCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { fullName } from '../ui/format.ts';
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx';
import { currentLanguage, switchLanguage } from '../i18n/i18n.ts';
import type { Language } from '../i18n/i18n.ts';
import { useCart } from './ordering.ts';
import { organizationUsersKey, partnerMeKey, signedInPartner, usePartnerMe } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';

function AccountLinks() {
  const { t } = useTranslation('storefront');
  const me = usePartnerMe();
  const partner = signedInPartner(me);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/store/auth/sign-out')),
    // Signed out either way: a session the server no longer knows is as good as ended.
    onSettled: async () => {
      await navigate('/', { replace: true });
      queryClient.setQueryData(partnerMeKey, null);
      queryClient.removeQueries({ queryKey: organizationUsersKey });
      // Another partner may sign in next in this browser: nothing of this one's cart, credit or orders stays.
      queryClient.removeQueries({ queryKey: ['store'], predicate: (query) => query.queryKey[1] !== 'me' });
    },
  });

  if (me.isPending) return null;
  if (!partner) {
    return (
      <Group gap="sm">
        <Button component={Link} to="/partner/sign-up" variant="light" size="sm" visibleFrom="xs">
          {t('layout.partnerSignUp')}
        </Button>
        <Button component={Link} to="/sign-in" variant="subtle" size="sm">
          {t('layout.signIn')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="wrap" justify="flex-end">
      <Text size="sm" c="dimmed" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
        {fullName(partner.user)} · {partner.organization.name}
      </Text>
      <Button component={Link} to="/products" variant="subtle" size="sm" leftSection={<IconPackage size={16} />}>
        {t('layout.products')}
      </Button>
      <CartLink />
      <Button component={Link} to="/my-account" variant="light" size="sm" leftSection={<IconUserCircle size={16} />}>
        {t('layout.myAccount')}
      </Button>
      <Button variant="subtle" color="gray" size="sm" leftSection={<IconLogout size={16} />} loading={signOut.isPending} onClick={() => signOut.mutate()}>
        {t('layout.signOut')}
      </Button>
    </Group>
  );
}

/** The cart with its line count: one small request, shared with the cart page. */
function CartLink() {
  const { t } = useTranslation('storefront');
  const cart = useCart();
  const count = cart.data?.lines.length ?? 0;
  return (
    <Button component={Link} to="/cart" variant="subtle" size="sm" leftSection={<IconShoppingCart size={16} />} aria-label={count ? t('layout.cartLines', { count }) : t('layout.cart')}>
      {t('layout.cart')}
      {count ? ` (${count})` : ''}
    </Button>
  );
}

/**
 * A signed-in partner's language lives on the server too, so their mails follow it: their remembered pick is taken on
 * sign-in, and the language they use is saved when they have none yet or switch.
 */
function usePartnerLanguage() {
  const me = usePartnerMe();
  const partner = signedInPartner(me);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (language: Language) => unwrap(api.PUT('/api/store/me/language', { body: { language } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: partnerMeKey }),
  });
  const remembered = partner?.language;
  const signedIn = Boolean(partner);
  useEffect(() => {
    if (!signedIn) return;
    if (remembered && remembered !== currentLanguage()) void switchLanguage(remembered);
    else if (!remembered) save.mutate(currentLanguage());
    // Only when who is signed in or their remembered language changes, not on every render.
  }, [signedIn, remembered]);
  return (language: Language) => {
    if (signedIn && language !== remembered) save.mutate(language);
  };
}

export function StorefrontLayout() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  const onSwitch = usePartnerLanguage();
  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }} bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Anchor component={Link} to="/" underline="never" c="dark">
              <Group gap="xs" wrap="nowrap">
                <ThemeIcon size="lg" radius="md" variant="filled">
                  <IconBuildingStore size={20} />
                </ThemeIcon>
                <Text fw={700} size="lg">
                  {storeName}
                </Text>
              </Group>
            </Anchor>
            {/* Wraps on a phone instead of running past the screen's edge. */}
            <Group gap="xs" wrap="wrap" justify="flex-end" style={{ minWidth: 0 }}>
              <LanguageSwitcher onSwitch={onSwitch} />
              <AccountLinks />
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main" style={{ flex: 1 }}>
        <Outlet />
      </Box>
      <Box component="footer" bg="white" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="md">
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              © {new Date().getFullYear()} {storeName}
            </Text>
            <Anchor component={Link} to="/hq" size="xs" c="dimmed">
              {t('layout.staffSignIn')}
            </Anchor>
          </Group>
        </Container>
      </Box>
    </Box>
  );
}
