// Active accounts and Active contacts: the companies and people the CRM works with, each with its HQ customer account once synced.
import { Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';

const limit = 25;
export type PartyType = 'accounts' | 'contacts';

interface Row {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  customerAccount: string | null;
  createdAt: string;
}

async function load(type: PartyType, query: { limit: number; offset: number; search?: string; from?: string; to?: string }): Promise<{ items: Row[]; total: number }> {
  if (type === 'accounts') {
    const page = await unwrap(api.GET('/api/sales/accounts', { params: { query } }));
    return { total: page.total, items: page.items.map((a) => ({ id: a.id, name: a.name, email: a.email, phone: a.phone, customerAccount: a.customerAccount, createdAt: a.createdAt })) };
  }
  const page = await unwrap(api.GET('/api/sales/contacts', { params: { query } }));
  return {
    total: page.total,
    items: page.items.map((c) => ({ id: c.id, name: [c.firstName, c.lastName].filter(Boolean).join(' '), email: c.email, phone: c.phone, customerAccount: c.customerAccount, createdAt: c.createdAt })),
  };
}

export function PartiesPage({ type }: { type: PartyType }) {
  const [filters, setFilters] = useQueryParams({ search: '', offset: '0', from: '', to: '' });
  const offset = toOffset(filters.offset);
  const search = filters.search.trim();
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const list = useQuery({
    queryKey: ['sales', type, { search, offset, from, to }],
    queryFn: () => load(type, { ...listQuery, limit, offset }),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const title = type === 'accounts' ? 'Active accounts' : 'Active contacts';
  return (
    <>
      <PageHeader title={title} description={type === 'accounts' ? 'Companies; dual-write keeps each in step with its HQ organization customer.' : 'People; dual-write keeps each in step with its HQ person customer.'} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SearchInput value={search} onSearch={onSearch} placeholder={type === 'accounts' ? 'Name or e-mail' : 'Name or e-mail'} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path={`/api/sales/${type}`} query={listQuery} />
          </Group>
          {!list.data ? (
            list.isError ? <ErrorAlert error={list.error} title={`The ${type} could not be loaded`} /> : <TableSkeleton />
          ) : list.data.items.length === 0 ? (
            <Empty icon={<IconAddressBook size={24} />} title={`No ${type} yet`} description="Qualifying a lead creates them; dual-write brings HQ customers in." />
          ) : (
            <>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>E-mail</Table.Th>
                    <Table.Th>Phone</Table.Th>
                    <Table.Th>HQ customer account</Table.Th>
                    <Table.Th>Created</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>
                        <AppLink to={`/sales/${type}/${row.id}`} fw={600} size="sm">
                          {row.name}
                        </AppLink>
                      </Table.Td>
                      <Table.Td>{row.email ?? '—'}</Table.Td>
                      <Table.Td>{row.phone ?? '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {row.customerAccount ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatDateTime(row.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Pager total={list.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
