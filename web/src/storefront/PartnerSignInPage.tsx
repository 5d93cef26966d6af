// Partner sign-in on the storefront; afterwards My account, or the page the user was sent here from.
import { Anchor, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { SignInForm } from '../ui/SignInForm.tsx';
import { afterSignIn, organizationUsersKey, partnerMeKey, signInMessage } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';

export function PartnerSignInPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('signIn.title')} · ${storeName}`);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const arrivalMessage = signInMessage(useLocation().state);

  async function onSignedIn() {
    // Whatever an earlier session of this browser loaded is not this user's.
    queryClient.removeQueries({ queryKey: partnerMeKey });
    queryClient.removeQueries({ queryKey: organizationUsersKey });
    await navigate(afterSignIn(params.get('next')), { replace: true });
  }

  return (
    <Container size={460} py={56}>
      <Stack gap="xs" mb="lg" ta="center">
        <Title order={1}>{t('signIn.title')}</Title>
        <Text c="dimmed">{t('signIn.intro', { storeName })}</Text>
      </Stack>
      <Paper withBorder radius="md" p="xl" shadow="xs">
        <SignInForm
          signIn={(body) => unwrap(api.POST('/api/store/auth/sign-in', { body }))}
          onSignedIn={onSignedIn}
          notice={arrivalMessage}
          buttonSize="md"
          extra={
            <Group justify="flex-end" mt={-8}>
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('signIn.forgot')}
              </Anchor>
            </Group>
          }
        />
      </Paper>
      <Text ta="center" size="sm" c="dimmed" mt="lg">
        {t('signIn.noAccount')}{' '}
        <Anchor component={Link} to="/partner/sign-up" size="sm">
          {t('signUp.title')}
        </Anchor>
      </Text>
    </Container>
  );
}
