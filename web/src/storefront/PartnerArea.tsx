// The pages of a signed-in partner user (My account and below): nobody signed in, or a session that has ended, goes to sign-in.
import { Container, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useOutletContext } from 'react-router';
import { ApiError, isStatus } from '../api/client.ts';
import type { PartnerMe } from '../api/client.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import type { SignInState } from './partnerSession.ts';
import { signInPath, usePartnerMe } from './partnerSession.ts';

export function PartnerArea() {
  const { t } = useTranslation('storefront');
  const me = usePartnerMe();
  const { pathname, search } = useLocation();
  const here = pathname + search;

  if (isStatus(me.error, 401)) {
    const state: SignInState = { message: me.error instanceof ApiError ? me.error.problem.detail : undefined };
    return <Navigate to={signInPath(here)} replace state={state} />;
  }
  if (me.data === null) return <Navigate to={signInPath(here)} replace />;
  if (me.data) return <Outlet context={me.data} />;
  return (
    <Container size="lg" py={40}>
      {me.isError ? (
        <ErrorAlert error={me.error} title={t('account.loadFailed')} />
      ) : (
        <Stack gap="md" aria-busy="true" aria-label={t('status.loading')}>
          <Skeleton height={36} width="30%" />
          <Skeleton height={18} width="45%" />
          <Skeleton height={180} radius="md" />
        </Stack>
      )}
    </Container>
  );
}

/** The signed-in partner user, on a page inside PartnerArea. */
export function useSignedInPartner(): PartnerMe {
  return useOutletContext<PartnerMe>();
}
