// Customers: the organizations and people created by approvals, or added here with New customer.
import { Button, Group, Paper, Stack, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { Customer } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { SegmentedFilter } from '../ui/SegmentedFilter.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { useCountryName } from '../ui/useCountries.ts';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { NewCustomerModal } from './partners/NewCustomerModal.tsx';

const limit = 25;
const types: readonly Customer['type'][] = ['Organization', 'Person'];

export function CustomersPage() {
  const [filters, setFilters] = useQueryParams({ type: 'All', search: '', offset: '0', from: '', to: '' });
  const type = types.find((t) => t === filters.type);
  const search = filters.search.trim();
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(type ? { type } : {}), ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const countryName = useCountryName();

  const customers = useQuery({
    queryKey: ['hq', 'customers', { type, search, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/customers', { params: { query: { ...listQuery, limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const [creating, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();

  return (
    <>
      <PageHeader
        title="Customers"
        description="Organizations and the people who buy for them."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            New customer
          </Button>
        }
      />
      <NewCustomerModal opened={creating} onClose={close} onCreated={(customer) => navigate(`/hq/customers/${encodeURIComponent(customer.account)}`)} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SegmentedFilter label="Type" value={type ?? 'All'} options={types} onChange={(value) => setFilters({ type: value, offset: '0' })} />
            <SearchInput value={search} onSearch={onSearch} placeholder="Name, e-mail or account" />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path="/api/hq/customers" query={listQuery} />
          </Group>
          {customers.data && customers.isError ? <ErrorAlert error={customers.error} title="The list could not be refreshed" /> : null}
          {!customers.data ? (
            customers.isError ? (
              <ErrorAlert error={customers.error} title="The customers could not be loaded" />
            ) : (
              <TableSkeleton />
            )
          ) : customers.data.items.length === 0 ? (
            <Empty
              icon={<IconAddressBook size={24} />}
              title={type || search ? 'No customers match' : 'No customers yet'}
              description={type || search ? 'Try another type or search.' : 'Approving a prospect creates its organization and person customers; New customer adds one by hand.'}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={860}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>Account</Table.Th>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Type</Table.Th>
                      <Table.Th>E-mail</Table.Th>
                      <Table.Th>City</Table.Th>
                      <Table.Th>Hierarchy</Table.Th>
                      <Table.Th>Created</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {customers.data.items.map((customer) => (
                      <Table.Tr key={customer.account}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <AppLink to={`/hq/customers/${encodeURIComponent(customer.account)}`} ff="monospace" size="sm" fw={600}>
                            {customer.account}
                          </AppLink>
                        </Table.Td>
                        <Table.Td miw={200}>{customer.name}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{customer.type}</Table.Td>
                        <Table.Td miw={180} style={{ overflowWrap: 'anywhere' }}>{customer.email}</Table.Td>
                        <Table.Td miw={120}>
                          {customer.address.city}, {countryName(customer.address.countryRegionId)}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {customer.hierarchyId ? (
                            <Group gap={6} wrap="nowrap">
                              <AppLink to={`/hq/customer-hierarchies/${encodeURIComponent(customer.hierarchyId)}`} size="sm" ff="monospace">
                                {customer.hierarchyId}
                              </AppLink>
                              {customer.hierarchyRole ? <StatusBadge status={customer.hierarchyRole} size="sm" /> : null}
                            </Group>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td miw={110}>{formatDateTime(customer.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={customers.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
