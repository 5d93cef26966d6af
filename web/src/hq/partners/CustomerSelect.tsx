// A searchable select of HQ customers of one type, searched on the server as you type (name, e-mail or account).
// It is not focused when a modal opens: focus opens its list, which would hide what the modal is about. The label sits
// on a wrapper of its own so that it names the input alone, not also the list of options (one field, one labelled element).
import { Input, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { Customer } from '../../api/client.ts';
import type { CustomerType } from '../partnerTypes.ts';

interface CustomerSelectProps {
  type: CustomerType;
  label: string;
  value: Customer | undefined;
  onChange: (customer: Customer | undefined) => void;
  description?: string;
  error?: string | undefined;
  required?: boolean;
  /** Why a customer cannot be chosen (e.g. already in a business partner), or undefined when it can. */
  unavailable?: (customer: Customer) => string | undefined;
}

const pageSize = 20;

export function customerOptionLabel(customer: Customer): string {
  return `${customer.name} (${customer.account})`;
}

export function CustomerSelect({ type, label, value, onChange, description, error, required, unavailable }: CustomerSelectProps) {
  const { t } = useTranslation('hq');
  const id = useId();
  const [search, setSearch] = useState(value ? customerOptionLabel(value) : '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  // Once a customer is chosen the box shows its label: that is not something to search for.
  const query = value && debounced === customerOptionLabel(value) ? '' : debounced;

  const customers = useQuery({
    queryKey: ['hq', 'customers', { type, search: query, offset: 0, limit: pageSize }],
    queryFn: () => unwrap(api.GET('/api/hq/customers', { params: { query: { type, ...(query ? { search: query } : {}), limit: pageSize, offset: 0 } } })),
    placeholderData: keepPreviousData,
  });

  const found = customers.data?.items ?? [];
  const choices = value && !found.some((c) => c.account === value.account) ? [value, ...found] : found;
  const byAccount = new Map(choices.map((c) => [c.account, c]));
  const data = choices.map((c) => ({ value: c.account, label: customerOptionLabel(c), disabled: c.account !== value?.account && unavailable?.(c) !== undefined }));

  return (
    <Input.Wrapper id={id} label={label} required={required}>
      <Select
        id={id}
        description={description}
        required={required}
        searchable
        clearable
        placeholder={type === 'Person' ? t('partners.select.searchPeople') : t('partners.select.searchOrganizations')}
        data={data}
        value={value?.account ?? null}
        onChange={(account) => onChange(account ? byAccount.get(account) : undefined)}
        searchValue={search}
        onSearchChange={setSearch}
        // The server already matched the search.
        filter={({ options }) => options}
        nothingFoundMessage={customers.isFetching ? t('partners.select.searching') : customers.isError ? t('partners.select.notLoaded') : t('partners.select.noMatch')}
        error={error}
        maxDropdownHeight={320}
        comboboxProps={{ withinPortal: true }}
        renderOption={({ option }) => {
          const customer = byAccount.get(option.value);
          if (!customer) return option.label;
          const why = unavailable?.(customer);
          return (
            <Stack gap={0}>
              <Text size="sm">{customer.name}</Text>
              <Text size="xs" c="dimmed">
                {customer.email} · {customer.account}
                {why && customer.account !== value?.account ? ` · ${why}` : ''}
              </Text>
            </Stack>
          );
        }}
      />
    </Input.Wrapper>
  );
}
