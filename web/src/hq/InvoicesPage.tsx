// Invoices: what partners owe, newest first, by payment status and search, sortable; overdue ones stand out; HQ records payments.
import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconCash, IconFileInvoice } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
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
import { RecordPaymentModal } from './RecordPaymentModal.tsx';
import { formatDueDate, invoiceSorts, invoicesKey, isOverdue, salesOrderWriters } from './salesOrders.ts';
import type { Invoice, InvoiceStatus } from './salesOrders.ts';
import { hasAnyRole, useMe } from './useMe.ts';
import { useTranslation } from 'react-i18next';

const limit = 25;
const filterStatuses: readonly InvoiceStatus[] = ['Open', 'PartlyPaid', 'Paid'];

export function InvoicesPage() {
  const { t } = useTranslation('hq');
  // The filter reads as people say it; the API's Open is an invoice nothing has been paid on.
  const filterLabel = (s: InvoiceStatus) => (s === 'Open' ? t('invoices.unpaid') : statusLabel(s));
  const [filters, setFilters] = useQueryParams({ status: 'All', search: '', sort: '-createdAt', offset: '0', from: '', to: '' });
  const status = filterStatuses.find((s) => s === filters.status);
  const search = filters.search.trim();
  const sort = invoiceSorts.find((s) => s === filters.sort) ?? '-createdAt';
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(status ? { status } : {}), ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), sort };
  const mayWrite = hasAnyRole(useMe().data, salesOrderWriters);
  const [paying, setPaying] = useState<Invoice | undefined>(undefined);

  const invoices = useQuery({
    queryKey: [...invoicesKey, { status, search, sort, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/invoices', { params: { query: { ...listQuery, limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const onSort = (value: string) => setFilters({ sort: value, offset: '0' });
  const filtered = Boolean(status || search);

  return (
    <>
      <PageHeader title={t('invoices.title')} description={t('invoices.description')} />
      <RecordPaymentModal invoice={paying} onClose={() => setPaying(undefined)} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SegmentedFilter
              label={t('invoices.payment')}
              value={status ?? 'All'}
              options={filterStatuses.map((s) => ({ value: s, label: filterLabel(s) }))}
              onChange={(value) => setFilters({ status: value, offset: '0' })}
            />
            <SearchInput value={search} onSearch={onSearch} placeholder={t('invoices.searchPlaceholder')} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label={t('salesOrderDetail.invoiced')} />
            <ExportCsvButton path="/api/hq/invoices" query={listQuery} />
          </Group>
          {invoices.data && invoices.isError ? <ErrorAlert error={invoices.error} title={t('prospects.refreshError')} /> : null}
          {!invoices.data ? (
            invoices.isError ? (
              <ErrorAlert error={invoices.error} title={t('invoices.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : invoices.data.items.length === 0 ? (
            <Empty
              icon={<IconFileInvoice size={24} />}
              title={filtered ? t('invoices.noMatch') : t('invoices.empty')}
              description={filtered ? t('invoices.noMatchText') : t('invoices.emptyText')}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped aria-label={t('invoices.title')}>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <SortableTh field="number" sort={sort} onSort={onSort}>
                        {t('invoices.columns.invoice')}
                      </SortableTh>
                      <Table.Th>{t('salesOrders.columns.salesOrder')}</Table.Th>
                      <Table.Th>{t('salesOrders.columns.customer')}</Table.Th>
                      <SortableTh field="amount" sort={sort} onSort={onSort}>
                        {t('salesOrderDetail.amount')}
                      </SortableTh>
                      <Table.Th style={{ textAlign: 'right' }}>{t('invoices.columns.openBalance')}</Table.Th>
                      <SortableTh field="dueDate" sort={sort} onSort={onSort}>
                        {t('invoices.columns.due')}
                      </SortableTh>
                      <Table.Th>{t('salesOrders.columns.status')}</Table.Th>
                      {mayWrite ? <Table.Th>{t('staffUsers.columns.actions')}</Table.Th> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoices.data.items.map((invoice) => {
                      const overdue = isOverdue(invoice);
                      return (
                        <Table.Tr key={invoice.id} bg={overdue ? 'red.0' : undefined}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Text size="sm" ff="monospace" fw={600}>
                              {invoice.number}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {formatDateTime(invoice.createdAt)}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <AppLink to={`/hq/sales-orders/${invoice.salesOrderId}`} ff="monospace" size="sm">
                              {invoice.salesOrderNumber}
                            </AppLink>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <AppLink to={`/hq/customers/${encodeURIComponent(invoice.customerAccount)}`} ff="monospace" size="sm">
                              {invoice.customerAccount}
                            </AppLink>
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>{formatMoney(invoice.amount, invoice.currency)}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>{formatMoney(invoice.balance, invoice.currency)}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm" c={overdue ? 'red.8' : undefined} fw={overdue ? 700 : undefined}>
                                {formatDueDate(invoice.dueDate)}
                              </Text>
                              {overdue ? (
                                <Badge color="red" size="sm" variant="filled" radius="sm">
                                  {t('invoices.overdue')}
                                </Badge>
                              ) : null}
                            </Group>
                            <Text size="xs" c="dimmed">
                              {invoice.paymentTerms}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <StatusBadge status={invoice.status} size="sm" />
                          </Table.Td>
                          {mayWrite ? (
                            <Table.Td>
                              {invoice.status !== 'Paid' ? (
                                <Button size="xs" variant="light" leftSection={<IconCash size={14} />} onClick={() => setPaying(invoice)} aria-label={t('invoices.recordPaymentFor', { number: invoice.number })} style={{ whiteSpace: 'nowrap' }}>
                                  {t('invoices.recordPayment')}
                                </Button>
                              ) : null}
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={invoices.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
