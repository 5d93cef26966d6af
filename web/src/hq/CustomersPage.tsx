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
import { useTranslation } from 'react-i18next';

const limit = 25;
const types: readonly Customer['type'][] = ['Organization', 'Person'];

export function CustomersPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ type: 'All', search: '', offset: '0', from: '', to: '' });
  const type = types.find((candidate) => candidate === filters.type);
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
        title={t('customers.title')}
        description={t('customers.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('customers.new')}
          </Button>
        }
      />
      <NewCustomerModal opened={creating} onClose={close} onCreated={(customer) => navigate(`/hq/customers/${encodeURIComponent(customer.account)}`)} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SegmentedFilter label={t('customers.columns.type')} value={type ?? 'All'} options={types.map((value) => ({ value, label: t(`customers.types.${value}`) }))} onChange={(value) => setFilters({ type: value, offset: '0' })} />
            <SearchInput value={search} onSearch={onSearch} placeholder={t('customers.searchPlaceholder')} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path="/api/hq/customers" query={listQuery} />
          </Group>
          {customers.data && customers.isError ? <ErrorAlert error={customers.error} title={t('prospects.refreshError')} /> : null}
          {!customers.data ? (
            customers.isError ? (
              <ErrorAlert error={customers.error} title={t('customers.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : customers.data.items.length === 0 ? (
            <Empty
              icon={<IconAddressBook size={24} />}
              title={type || search ? t('customers.noMatch') : t('customers.empty')}
              description={type || search ? t('customers.noMatchText') : t('customers.emptyText')}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={860}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>{t('customers.columns.account')}</Table.Th>
                      <Table.Th>{t('customers.columns.name')}</Table.Th>
                      <Table.Th>{t('customers.columns.type')}</Table.Th>
                      <Table.Th>{t('customers.columns.email')}</Table.Th>
                      <Table.Th>{t('customers.columns.city')}</Table.Th>
                      <Table.Th>{t('customers.columns.hierarchy')}</Table.Th>
                      <Table.Th>{t('customers.columns.created')}</Table.Th>
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
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`customers.types.${customer.type}`)}</Table.Td>
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
