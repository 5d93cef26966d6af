// The storefront's name, from the online store HQ set up; a neutral name until HQ has sent it.
import { useQuery } from '@tanstack/react-query';
import { api, isStatus, unwrap } from '../api/client.ts';

export const fallbackStoreName = 'Handshake B2B store';

export function useStoreName(): string {
  const { data } = useQuery({
    queryKey: ['store', 'channel'],
    queryFn: async () => {
      try {
        return await unwrap(api.GET('/api/store/channel'));
      } catch (error) {
        if (isStatus(error, 404)) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  return data?.name ?? fallbackStoreName;
}
