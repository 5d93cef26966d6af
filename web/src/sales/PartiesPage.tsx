// Active accounts and Active contacts: the companies and people the CRM works with, each with its HQ customer account once synced.
import { Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('sales');
  return (
    <>
      <PageHeader title={t(`parties.${type}.title`)} description={t(`parties.${type}.description`)} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SearchInput value={search} onSearch={onSearch} placeholder={t('parties.searchPlaceholder')} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path={`/api/sales/${type}`} query={listQuery} />
          </Group>
          {!list.data ? (
            list.isError ? <ErrorAlert error={list.error} title={t(`parties.${type}.loadError`)} /> : <TableSkeleton />
          ) : list.data.items.length === 0 ? (
            <Empty icon={<IconAddressBook size={24} />} title={t(`parties.${type}.empty`)} description={t('parties.emptyHint')} />
          ) : (
            <>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('parties.columns.name')}</Table.Th>
                    <Table.Th>{t('parties.columns.email')}</Table.Th>
                    <Table.Th>{t('parties.columns.phone')}</Table.Th>
                    <Table.Th>{t('party.hqCustomerAccount')}</Table.Th>
                    <Table.Th>{t('parties.columns.created')}</Table.Th>
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
