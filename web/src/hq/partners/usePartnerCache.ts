// After a change to a business partner: show the hierarchy the server answered with, refresh the lists around it.
import { useQueryClient } from '@tanstack/react-query';
import type { CustomerHierarchy } from '../../api/client.ts';

export const hierarchyKey = (id: string) => ['hq', 'hierarchy', id] as const;

export function usePartnerCache() {
  const queryClient = useQueryClient();
  return {
    /** The hierarchy as the server answered; the lists and customers that show memberships and roles are refetched. */
    updated(hierarchy: CustomerHierarchy) {
      queryClient.setQueryData(hierarchyKey(hierarchy.id), hierarchy);
      void queryClient.invalidateQueries({ queryKey: ['hq', 'hierarchies'] });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customer'] });
    },
    /** Something changed that the answer did not carry (e.g. a 409 because someone else changed it): refetch. */
    stale(id: string) {
      void queryClient.invalidateQueries({ queryKey: hierarchyKey(id) });
    },
  };
}
