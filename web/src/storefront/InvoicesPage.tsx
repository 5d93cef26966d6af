// My invoices: HQ's invoices of an Admin's organization, or of a User's own orders, newest first, with what is still
// open and whether it is overdue; the payment filter and the page are kept in the address.
import { Anchor, Badge, Container, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconFileInvoice } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { operations } from '../api/schema.d.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate, formatMoney } from '../ui/format.ts';
import { Pager } from '../ui/Pager.tsx';
import { SegmentedFilter } from '../ui/SegmentedFilter.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { AccountBreadcrumbs } from './AccountBreadcrumbs.tsx';
import { useSignedInPartner } from './PartnerArea.tsx';
import { useStoreName } from './useStoreName.ts';

type Invoice = operations['getStoreInvoices']['responses'][200]['content']['application/json']['items'][number];
type InvoiceStatus = Invoice['status'];

const limit = 25;
const invoicesKey = ['store', 'invoices'] as const;

// A partner reads an open invoice as unpaid: "Open" is HQ's word.
const looks: Record<InvoiceStatus, { label: string; color: MantineColor }> = {
  Open: { label: 'Unpaid', color: 'orange' },
  PartlyPaid: { label: 'Partly paid', color: 'yellow' },
  Paid: { label: 'Paid', color: 'teal' },
};
const statuses = Object.keys(looks) as InvoiceStatus[];
const statusByLabel = new Map(statuses.map((s) => [looks[s].label, s]));

/** Today in the reader's calendar as YYYY-MM-DD, the form of a due date. */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** A due date is a calendar day, not an instant: shown as that day wherever the reader is. */
const formatDay = (date: string) => formatDate(`${date}T00:00:00`);

export function MyInvoicesPage() {
  const storeName = useStoreName();
  useDocumentTitle(`My invoices · ${storeName}`);
  const { organization, role } = useSignedInPartner();
  const [filters, setFilters] = useQueryParams({ status: '', offset: '0' });
  const status = statuses.find((s) => s === filters.status);
  const offset = toOffset(filters.offset);

  const invoices = useQuery({
    queryKey: [...invoicesKey, { status, offset }],
    queryFn: () => unwrap(api.GET('/api/store/invoices', { params: { query: { ...(status ? { status } : {}), limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const today = localToday();

  return (
    <Container size="lg" py={40}>
      <AccountBreadcrumbs current="My invoices" />
      <Stack gap={4} mb="lg">
        <Title order={1}>My invoices</Title>
        <Text c="dimmed">{role === 'Admin' ? `Every invoice of ${organization.name}.` : 'The invoices of the orders you placed.'} Unpaid amounts count against your credit until they are paid.</Text>
      </Stack>
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <SegmentedFilter
            label="Payment"
            value={status ? looks[status].label : 'All'}
            options={statuses.map((s) => looks[s].label)}
            onChange={(label) => setFilters({ status: statusByLabel.get(label) ?? '', offset: '0' })}
          />
          {invoices.data && invoices.isError ? <ErrorAlert error={invoices.error} title="The list could not be refreshed" /> : null}
          {!invoices.data ? (
            invoices.isError ? (
              <ErrorAlert error={invoices.error} title="The invoices could not be loaded" />
            ) : (
              <TableSkeleton rows={3} />
            )
          ) : invoices.data.items.length === 0 ? (
            <Empty
              icon={<IconFileInvoice size={24} />}
              title={status ? `No ${looks[status].label.toLowerCase()} invoices` : 'No invoices yet'}
              description={status ? 'Try another payment status.' : 'HQ invoices your orders once they are delivered; the invoices appear here.'}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={860}>
                <Table striped aria-label="Invoices">
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>Invoice</Table.Th>
                      <Table.Th>Order</Table.Th>
                      <Table.Th>Invoice date</Table.Th>
                      <Table.Th>Due date</Table.Th>
                      <Table.Th ta="right">Amount</Table.Th>
                      <Table.Th ta="right">Paid</Table.Th>
                      <Table.Th ta="right">Open amount</Table.Th>
                      <Table.Th>Status</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoices.data.items.map((invoice) => (
                      <InvoiceRow key={invoice.id} invoice={invoice} today={today} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={invoices.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </Container>
  );
}

function InvoiceRow({ invoice, today }: { invoice: Invoice; today: string }) {
  const money = (value: number) => formatMoney(value, invoice.currency);
  const daysOverdue = invoice.balance > 0 ? dayNumber(today) - dayNumber(invoice.dueDate) : 0;
  const look = looks[invoice.status];
  return (
    <Table.Tr>
      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {invoice.number}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/my-account/orders/${invoice.orderId}`} ff="monospace" aria-label={`Order ${invoice.orderNumber}`}>
          {invoice.orderNumber}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.invoiceDate)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDay(invoice.dueDate)}
        {daysOverdue > 0 ? (
          <Text size="xs" c="red.8" fw={600} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <IconAlertTriangle size={14} aria-hidden />
            Overdue by {daysOverdue} {daysOverdue === 1 ? 'day' : 'days'}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {money(invoice.amount)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {money(invoice.paid)}
      </Table.Td>
      <Table.Td ta="right" fw={invoice.balance > 0 ? 600 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {money(invoice.balance)}
      </Table.Td>
      <Table.Td>
        <Badge color={look.color} variant="light" size="sm" radius="sm">
          {look.label}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
