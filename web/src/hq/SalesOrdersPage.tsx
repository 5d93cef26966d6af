// Sales orders: the storefront's orders as "Synchronize orders" made them, newest first, by status and search, sortable.
import { Paper, Stack, Table, Text, Group } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatMoney } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { SegmentedFilter } from '../ui/SegmentedFilter.tsx';
import { SortableTh } from '../ui/SortableTh.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { salesOrderSorts, salesOrdersKey, salesOrderStatuses } from './salesOrders.ts';
import { useTranslation } from 'react-i18next';

const limit = 25;

export function SalesOrdersPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ status: 'All', search: '', sort: '-orderedAt', offset: '0', from: '', to: '' });
  const status = salesOrderStatuses.find((s) => s === filters.status);
  const search = filters.search.trim();
  const sort = salesOrderSorts.find((s) => s === filters.sort) ?? '-orderedAt';
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(status ? { status } : {}), ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), sort };

  const orders = useQuery({
    queryKey: [...salesOrdersKey, { status, search, sort, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/sales-orders', { params: { query: { ...listQuery, limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const onSort = (value: string) => setFilters({ sort: value, offset: '0' });
  const filtered = Boolean(status || search);

  return (
    <>
      <PageHeader title={t('salesOrders.title')} description={t('salesOrders.description')} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SegmentedFilter label={t('salesOrders.columns.status')} value={status ?? 'All'} options={salesOrderStatuses.map((s) => ({ value: s, label: statusLabel(s) }))} onChange={(value) => setFilters({ status: value, offset: '0' })} />
            <SearchInput value={search} onSearch={onSearch} placeholder={t('salesOrders.searchPlaceholder')} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label={t('salesOrders.columns.ordered')} />
            <ExportCsvButton path="/api/hq/sales-orders" query={listQuery} />
          </Group>
          {orders.data && orders.isError ? <ErrorAlert error={orders.error} title={t('prospects.refreshError')} /> : null}
          {!orders.data ? (
            orders.isError ? (
              <ErrorAlert error={orders.error} title={t('salesOrders.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : orders.data.items.length === 0 ? (
            <Empty
              icon={<IconReceipt size={24} />}
              title={filtered ? t('salesOrders.noMatch') : t('salesOrders.empty')}
              description={filtered ? t('products.noMatchText') : t('salesOrders.emptyText')}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped aria-label={t('salesOrders.title')}>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <SortableTh field="number" sort={sort} onSort={onSort}>
                        {t('salesOrders.columns.salesOrder')}
                      </SortableTh>
                      <SortableTh field="customerAccount" sort={sort} onSort={onSort}>
                        {t('salesOrders.columns.customer')}
                      </SortableTh>
                      <Table.Th>{t('salesOrders.columns.buyer')}</Table.Th>
                      <Table.Th>{t('salesOrders.columns.purchaseOrder')}</Table.Th>
                      <Table.Th>{t('salesOrders.columns.storefrontOrder')}</Table.Th>
                      <SortableTh field="total" sort={sort} onSort={onSort}>
                        {t('salesOrders.columns.total')}
                      </SortableTh>
                      <Table.Th>{t('salesOrders.columns.status')}</Table.Th>
                      <SortableTh field="orderedAt" sort={sort} onSort={onSort} descendingFirst>
                        {t('salesOrders.columns.ordered')}
                      </SortableTh>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {orders.data.items.map((order) => (
                      <Table.Tr key={order.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <AppLink to={`/hq/sales-orders/${order.id}`} ff="monospace" fw={600} size="sm">
                            {order.number}
                          </AppLink>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <AppLink to={`/hq/customers/${encodeURIComponent(order.customerAccount)}`} ff="monospace" size="sm">
                            {order.customerAccount}
                          </AppLink>
                        </Table.Td>
                        <Table.Td miw={140}>{order.buyer}</Table.Td>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{order.purchaseOrderNumber ?? '—'}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm" ff="monospace" c="dimmed">
                            {order.storefrontOrderNumber}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>{formatMoney(order.total, order.currency)}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={order.status} size="sm" />
                        </Table.Td>
                        <Table.Td miw={110}>{formatDateTime(order.orderedAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={orders.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
