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

const limit = 25;
// The filter reads as people say it; the API's Open is an invoice nothing has been paid on.
const filterOptions: readonly { label: string; status: InvoiceStatus }[] = [
  { label: 'Unpaid', status: 'Open' },
  { label: statusLabel('PartlyPaid'), status: 'PartlyPaid' },
  { label: 'Paid', status: 'Paid' },
];

export function InvoicesPage() {
  const [filters, setFilters] = useQueryParams({ status: 'All', search: '', sort: '-createdAt', offset: '0', from: '', to: '' });
  const status = filterOptions.find((o) => o.status === filters.status);
  const search = filters.search.trim();
  const sort = invoiceSorts.find((s) => s === filters.sort) ?? '-createdAt';
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(status ? { status: status.status } : {}), ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), sort };
  const mayWrite = hasAnyRole(useMe().data, salesOrderWriters);
  const [paying, setPaying] = useState<Invoice | undefined>(undefined);

  const invoices = useQuery({
    queryKey: [...invoicesKey, { status: status?.status, search, sort, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/invoices', { params: { query: { ...listQuery, limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const onSort = (value: string) => setFilters({ sort: value, offset: '0' });
  const filtered = Boolean(status || search);

  return (
    <>
      <PageHeader title="Invoices" description="Invoiced sales orders, newest first, due by their payment terms. Unpaid balances count against the partner's credit until paid." />
      <RecordPaymentModal invoice={paying} onClose={() => setPaying(undefined)} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SegmentedFilter
              label="Payment"
              value={status?.label ?? 'All'}
              options={filterOptions.map((o) => o.label)}
              onChange={(label) => setFilters({ status: filterOptions.find((o) => o.label === label)?.status ?? 'All', offset: '0' })}
            />
            <SearchInput value={search} onSearch={onSearch} placeholder="Invoice, sales order or customer" />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label="Invoiced" />
            <ExportCsvButton path="/api/hq/invoices" query={listQuery} />
          </Group>
          {invoices.data && invoices.isError ? <ErrorAlert error={invoices.error} title="The list could not be refreshed" /> : null}
          {!invoices.data ? (
            invoices.isError ? (
              <ErrorAlert error={invoices.error} title="The invoices could not be loaded" />
            ) : (
              <TableSkeleton />
            )
          ) : invoices.data.items.length === 0 ? (
            <Empty
              icon={<IconFileInvoice size={24} />}
              title={filtered ? 'No invoices match' : 'No invoices yet'}
              description={filtered ? 'Try another payment status or search.' : 'Invoicing a sales order creates its invoice here.'}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped aria-label="Invoices">
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <SortableTh field="number" sort={sort} onSort={onSort}>
                        Invoice
                      </SortableTh>
                      <Table.Th>Sales order</Table.Th>
                      <Table.Th>Customer</Table.Th>
                      <SortableTh field="amount" sort={sort} onSort={onSort}>
                        Amount
                      </SortableTh>
                      <Table.Th style={{ textAlign: 'right' }}>Open balance</Table.Th>
                      <SortableTh field="dueDate" sort={sort} onSort={onSort}>
                        Due
                      </SortableTh>
                      <Table.Th>Status</Table.Th>
                      {mayWrite ? <Table.Th>Actions</Table.Th> : null}
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
                                  Overdue
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
                                <Button size="xs" variant="light" leftSection={<IconCash size={14} />} onClick={() => setPaying(invoice)} aria-label={`Record payment for ${invoice.number}`} style={{ whiteSpace: 'nowrap' }}>
                                  Record payment
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
