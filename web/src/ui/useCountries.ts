// The countries/regions accepted in addresses, and their names by id.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';

export function useCountries() {
  return useQuery({
    queryKey: ['store', 'countries'],
    queryFn: () => unwrap(api.GET('/api/store/countries')),
    staleTime: Infinity,
  });
}

export function useCountryName(): (id: string) => string {
  const { data } = useCountries();
  return (id) => data?.find((country) => country.id === id)?.name ?? id;
}
