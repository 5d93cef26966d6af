// A postal address on separate lines.
import { Text } from '@mantine/core';
import type { Address } from '../api/client.ts';
import { useCountryName } from './useCountries.ts';

export function AddressText({ address }: { address: Address }) {
  const countryName = useCountryName();
  const cityLine = [address.zip, address.city, address.state].filter(Boolean).join(' ');
  return (
    <Text size="sm" component="div">
      <div>{address.street}</div>
      <div>{cityLine}</div>
      <div>{countryName(address.countryRegionId)}</div>
    </Text>
  );
}
