// Staff sign-in; afterwards back to the page the user was on, or All prospects.
import { Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconHeartHandshake } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { StaffUser } from '../api/client.ts';
import { SignInForm } from '../ui/SignInForm.tsx';
import { meKey } from './useMe.ts';

/** Only pages of the back office and the CRM are followed after sign-in. */
function destination(next: string | null): string {
  if (next && /^\/(hq|sales)(\/|$)/.test(next) && !next.startsWith('/hq/sign-in')) return next;
  return '/hq';
}

export function SignInPage() {
  const { t } = useTranslation('hq');
  useDocumentTitle(t('signIn.documentTitle'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();

  async function onSignedIn(result: { user: StaffUser }) {
    queryClient.clear();
    queryClient.setQueryData(meKey, { user: result.user, roles: result.user.roles });
    await navigate(destination(params.get('next')), { replace: true });
  }

  return (
    // The page's one landmark, so screen-reader users can jump to the form as on every other page.
    <Center component="main" mih="100vh" bg="gray.0" p="md">
      <Stack w="100%" maw={400} gap="lg">
        <Stack align="center" gap="xs">
          <ThemeIcon size={48} radius="md">
            <IconHeartHandshake size={28} />
          </ThemeIcon>
          <Title order={1} fz={24}>
            Handshake HQ
          </Title>
          <Text c="dimmed" size="sm">
            {t('signIn.subtitle')}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <SignInForm signIn={(body) => unwrap(api.POST('/api/auth/sign-in', { body }))} onSignedIn={onSignedIn} />
        </Paper>
        <Text ta="center" size="sm">
          <Link to="/" style={{ color: 'var(--mantine-color-dimmed)' }}>
            {t('signIn.backToStorefront')}
          </Link>
        </Text>
      </Stack>
    </Center>
  );
}
