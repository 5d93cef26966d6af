// My invoices: HQ's invoices of an Admin's organization, or of a User's own orders, newest first, with what is still
// open and whether it is overdue; the payment filter and the page are kept in the address.
import { Anchor, Badge, Container, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconFileInvoice } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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

const colors: Record<InvoiceStatus, MantineColor> = { Open: 'orange', PartlyPaid: 'yellow', Paid: 'teal' };
const statuses = Object.keys(colors) as InvoiceStatus[];

// A partner reads an open invoice as unpaid: "Open" is HQ's word.
function statusLabels(t: TFunction<'storefront'>): Record<InvoiceStatus, string> {
  return { Open: t('invoices.unpaid'), PartlyPaid: t('invoices.partlyPaid'), Paid: t('invoices.paid') };
}

/** Today in the reader's calendar as YYYY-MM-DD, the form of a due date. */
function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** A due date is a calendar day, not an instant: shown as that day wherever the reader is. */
const formatDay = (date: string) => formatDate(`${date}T00:00:00`);

export function MyInvoicesPage() {
  const { t } = useTranslation('storefront');
  const labels = statusLabels(t);
  const statusByLabel = new Map(statuses.map((s) => [labels[s], s]));
  const storeName = useStoreName();
  useDocumentTitle(`${t('account.myInvoices')} · ${storeName}`);
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
      <AccountBreadcrumbs current={t('account.myInvoices')} />
      <Stack gap={4} mb="lg">
        <Title order={1}>{t('account.myInvoices')}</Title>
        <Text c="dimmed">
          {role === 'Admin' ? t('invoices.introAdmin', { organization: organization.name }) : t('invoices.intro')} {t('invoices.countAgainstCredit')}
        </Text>
      </Stack>
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <SegmentedFilter
            label={t('invoices.payment')}
            value={status ? labels[status] : t('invoices.all')}
            allLabel={t('invoices.all')}
            options={statuses.map((s) => labels[s])}
            onChange={(label) => setFilters({ status: statusByLabel.get(label) ?? '', offset: '0' })}
          />
          {invoices.data && invoices.isError ? <ErrorAlert error={invoices.error} title={t('catalogue.refreshFailed')} /> : null}
          {!invoices.data ? (
            invoices.isError ? (
              <ErrorAlert error={invoices.error} title={t('invoices.loadFailed')} />
            ) : (
              <TableSkeleton rows={3} />
            )
          ) : invoices.data.items.length === 0 ? (
            <Empty
              icon={<IconFileInvoice size={24} />}
              title={status ? { Open: t('invoices.noneUnpaid'), PartlyPaid: t('invoices.nonePartlyPaid'), Paid: t('invoices.nonePaid') }[status] : t('invoices.none')}
              description={status ? t('invoices.noneMatchHint') : t('invoices.noneHint')}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={860}>
                <Table striped aria-label={t('invoices.invoices')}>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>{t('invoices.invoice')}</Table.Th>
                      <Table.Th>{t('order.title')}</Table.Th>
                      <Table.Th>{t('invoices.invoiceDate')}</Table.Th>
                      <Table.Th>{t('invoices.dueDate')}</Table.Th>
                      <Table.Th ta="right">{t('cart.amount')}</Table.Th>
                      <Table.Th ta="right">{t('invoices.paidAmount')}</Table.Th>
                      <Table.Th ta="right">{t('invoices.openAmount')}</Table.Th>
                      <Table.Th>{t('orders.status')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invoices.data.items.map((invoice) => (
                      <InvoiceRow key={invoice.id} invoice={invoice} today={today} label={labels[invoice.status]} />
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

function InvoiceRow({ invoice, today, label }: { invoice: Invoice; today: string; label: string }) {
  const { t } = useTranslation('storefront');
  const money = (value: number) => formatMoney(value, invoice.currency);
  const daysOverdue = invoice.balance > 0 ? dayNumber(today) - dayNumber(invoice.dueDate) : 0;
  return (
    <Table.Tr>
      <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
        {invoice.number}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Anchor component={Link} to={`/my-account/orders/${invoice.orderId}`} ff="monospace" aria-label={t('cart.orderNumber', { number: invoice.orderNumber })}>
          {invoice.orderNumber}
        </Anchor>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(invoice.invoiceDate)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDay(invoice.dueDate)}
        {daysOverdue > 0 ? (
          <Text size="xs" c="red" fw={600} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
            <IconAlertTriangle size={14} aria-hidden />
            {t('invoices.overdue', { count: daysOverdue })}
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
        <Badge color={colors[invoice.status]} variant="light" size="sm" radius="sm">
          {label}
        </Badge>
      </Table.Td>
    </Table.Tr>
  );
}
