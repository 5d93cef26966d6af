// The entry point: Mantine, TanStack Query and the router, plus where a lost HQ session leads.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client.ts';
import { startI18n } from './i18n/i18n.ts';
import { router } from './routes.tsx';
import { needsPartnerSession, partnerMeKey, signInPath } from './storefront/partnerSession.ts';
import type { SignInState } from './storefront/partnerSession.ts';
import { cssVariablesResolver, theme } from './ui/theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; network and server errors may.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      staleTime: 2000,
    },
  },
});

// A 401 means the session is gone: sign in again, then come back here. Back office and CRM pages lose the staff session;
// My account pages lose the partner session, and the storefront's sign-in page says why (the server's words).
setUnauthorizedHandler((realm, detail) => {
  const { pathname, search } = window.location;
  if (realm === 'partner') {
    if (!needsPartnerSession(pathname)) return;
    const state: SignInState = { message: detail ?? 'Your session has ended. Sign in to continue.' };
    void Promise.resolve(router.navigate(signInPath(pathname + search), { replace: true, state })).then(() =>
      queryClient.invalidateQueries({ queryKey: partnerMeKey }),
    );
    return;
  }
  if (!/^\/(hq|sales)(\/|$)/.test(pathname) || pathname.startsWith('/hq/sign-in')) return;
  void router.navigate(`/hq/sign-in?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The first paint is in the reader's language: the common texts (a few hundred bytes) load before it.
void startI18n().then(() =>
  createRoot(container).render(
    <StrictMode>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
