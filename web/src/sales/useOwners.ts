// The people a CRM record can be assigned to, and how to show an owner by name.
import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { api, unwrap } from '../api/client.ts';

export function useOwners() {
  return useQuery({ queryKey: ['sales', 'users'], queryFn: () => unwrap(api.GET('/api/sales/users')), staleTime: 60_000 });
}

export function ownerName(owners: { id: string; name: string }[] | undefined, id: string | null | undefined): string {
  if (!id) return i18next.t('sales:owner.unowned');
  return owners?.find((o) => o.id === id)?.name ?? i18next.t('sales:owner.someoneElse');
}
