// The signed-in staff user and their roles; every HQ page waits for it.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import type { Me } from '../api/client.ts';

export const meKey = ['hq', 'me'] as const;

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => unwrap(api.GET('/api/auth/me')), staleTime: 60_000, retry: false });
}

export function isAdministrator(me: Me | undefined): boolean {
  return me?.roles.includes('administrator') ?? false;
}

/** Whether the signed-in user is an administrator (false while unknown). */
export function useIsAdministrator(): boolean {
  return isAdministrator(useMe().data);
}

/** Whether the user may use an area: administrators everything, others by role. */
export function hasAnyRole(me: Me | undefined, roles: readonly string[]): boolean {
  if (!me) return false;
  return me.roles.includes('administrator') || roles.some((role) => me.roles.includes(role as Me['roles'][number]));
}

export const hqRoles = ['hq-operations'] as const;
export const salesRoles = ['salesperson', 'sales-manager'] as const;
