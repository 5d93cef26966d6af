// The countries/regions accepted in addresses (the server's list of current ISO codes), named and sorted in the
// reader's language.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import { currentLocale, formatCountry } from './format.ts';

export function useCountries() {
  return useQuery({
    queryKey: ['store', 'countries'],
    queryFn: () => unwrap(api.GET('/api/store/countries')),
    staleTime: Infinity,
    // Not memoised on purpose: a language switch re-renders, and the names follow it.
    select: (list) => {
      const collator = new Intl.Collator(currentLocale());
      return list.map((country) => ({ id: country.id, name: formatCountry(country.id) })).sort((a, b) => collator.compare(a.name, b.name));
    },
  });
}

/** A country/region's name by its code, in the reader's language. */
export function useCountryName(): (id: string) => string {
  return formatCountry;
}
