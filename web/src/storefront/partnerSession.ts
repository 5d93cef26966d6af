// The signed-in partner user (or nobody), where signing in leads, and the amounts shown on My account.
import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import type { UseQueryResult } from '@tanstack/react-query';
import { api, isStatus, partnerCsrfCookie, readCookie, unwrap } from '../api/client.ts';
import type { PartnerMe } from '../api/client.ts';
import { formatDecimal } from '../ui/format.ts';

export const partnerMeKey = ['store', 'me'] as const;
export const organizationUsersKey = ['store', 'organization-users'] as const;

/** Signing in sets a readable CSRF cookie next to the session cookie: without it nobody is signed in, and no call is needed. */
function mayHaveSession(): boolean {
  return readCookie(partnerCsrfCookie) !== undefined;
}

/** The partner user of this browser: their data, null when nobody is signed in, or a 401 error when the session has ended. */
export function usePartnerMe(): UseQueryResult<PartnerMe | null> {
  return useQuery({
    queryKey: partnerMeKey,
    queryFn: () => (mayHaveSession() ? unwrap(api.GET('/api/store/me')) : null),
    staleTime: 30_000,
    retry: false,
  });
}

/** The signed-in partner user, or undefined (nobody, still loading, or the session has ended). */
export function signedInPartner(me: UseQueryResult<PartnerMe | null>): PartnerMe | undefined {
  if (isStatus(me.error, 401)) return undefined;
  return me.data ?? undefined;
}

/** Pages of the storefront that need a partner session. */
export function needsPartnerSession(pathname: string): boolean {
  return /^\/(my-account|products|cart)(\/|$)/.test(pathname);
}

export function signInPath(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/** Only pages of the storefront are followed after sign-in, never another site or the back office. */
export function afterSignIn(next: string | null): string {
  if (next && /^\/(?![/\\])/.test(next) && !/^\/(hq|sales|api|sign-in)(\/|$|\?)/.test(next)) return next;
  return '/my-account';
}

/** What the sign-in page says on arrival, e.g. the server's "Your session has ended. Sign in to continue." */
export interface SignInState {
  message?: string;
}

export function signInMessage(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const message = (state as Record<string, unknown>).message;
  return typeof message === 'string' && message ? message : undefined;
}

/** An amount as money (two decimals), or the given words when there is no limit. */
export function formatLimit(value: number | null | undefined, none = 'No limit'): string {
  return value === null || value === undefined ? none : formatDecimal(value);
}

export const minPasswordLength = 10;

/** The rules of a new password, worded as the server words them, in the reader's language. */
export function passwordProblems(password: string, confirm: string, label = 'Password'): { password?: string; confirm?: string } {
  const problems: { password?: string; confirm?: string } = {};
  if (!password) problems.password = i18next.t('storefront:problems.required', { label });
  else if (password.length < minPasswordLength) problems.password = i18next.t('storefront:password.tooShort', { label, min: minPasswordLength });
  if (!problems.password && confirm !== password) problems.confirm = i18next.t('storefront:password.mismatch');
  return problems;
}
