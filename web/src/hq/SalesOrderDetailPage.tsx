// One sales order: who ordered what, its invoice, and Confirm / Invoice / Cancel while its status allows them.
import { Alert, Breadcrumbs, Button, Grid, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertCircle, IconCash, IconCheck, IconCircleCheck, IconFileInvoice, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatMoney } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { RecordPaymentModal } from './RecordPaymentModal.tsx';
import { allowedActions, formatDueDate, invoicesKey, isOverdue, salesOrdersKey, salesOrderWriters } from './salesOrders.ts';
import type { Invoice, SalesOrder } from './salesOrders.ts';
import { hasAnyRole, useMe } from './useMe.ts';
import { useTranslation } from 'react-i18next';

type Action = 'confirm' | 'invoice' | 'cancel';

export function SalesOrderDetailPage() {
  const { t } = useTranslation('hq');
  const { id = '' } = useParams();
  const order = useQuery({
    queryKey: [...salesOrdersKey, id],
    queryFn: () => unwrap(api.GET('/api/hq/sales-orders/{id}', { params: { path: { id } } })),
  });

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/sales-orders">{t('salesOrders.title')}</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {order.data?.number ?? id}
        </Text>
      </Breadcrumbs>
      {order.data ? <SalesOrderView order={order.data} /> : order.isError ? <ErrorAlert error={order.error} title={t('salesOrderDetail.loadError')} /> : <DetailSkeleton />}
    </>
  );
}

function SalesOrderView({ order }: { order: SalesOrder }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const mayWrite = hasAnyRole(useMe().data, salesOrderWriters);
  const [cancelOpened, cancelDialog] = useDisclosure(false);
  const [paying, setPaying] = useState<Invoice | undefined>(undefined);
  // Said on the page, not in a toast: a toast would sit over the next action's button (Confirm, then Invoice).
  const [outcome, setOutcome] = useState<string | undefined>(undefined);

  const act = useMutation({
    mutationFn: (action: Action) => {
      const params = { path: { id: order.id } };
      return unwrap(
        action === 'confirm'
          ? api.POST('/api/hq/sales-orders/{id}/confirm', { params })
          : action === 'invoice'
            ? api.POST('/api/hq/sales-orders/{id}/invoice', { params })
            : api.POST('/api/hq/sales-orders/{id}/cancel', { params }),
      );
    },
    onSuccess: (changed, action) => {
      queryClient.setQueryData([...salesOrdersKey, order.id], changed);
      void queryClient.invalidateQueries({ queryKey: salesOrdersKey });
      if (action === 'invoice') void queryClient.invalidateQueries({ queryKey: invoicesKey });
      cancelDialog.close();
      const invoiceDue = action === 'invoice' && changed.invoice ? t('salesOrderDetail.invoiceDue', { number: changed.invoice.number, due: formatDueDate(changed.invoice.dueDate) }) : '';
      setOutcome([t(`salesOrderDetail.done.${action}`, { number: changed.number }), invoiceDue, t('salesOrderDetail.partnerSees')].filter(Boolean).join(' '));
    },
    // Someone else changed the order first (409): show its status now, next to the reason.
    onError: (error) => {
      setOutcome(undefined);
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: [...salesOrdersKey, order.id] });
    },
  });
  const actions = mayWrite ? allowedActions[order.status] : [];
  const busy = (action: Action) => act.isPending && act.variables === action;

  return (
    <>
      <PageHeader
        title={t('salesOrderDetail.title', { number: order.number })}
        badge={<StatusBadge status={order.status} size="lg" />}
        description={t('salesOrderDetail.description', { account: order.customerAccount, ordered: formatDateTime(order.orderedAt), buyer: order.buyer })}
        actions={
          actions.length > 0 ? (
            <>
              {actions.includes('confirm') ? (
                <Button leftSection={<IconCheck size={16} />} loading={busy('confirm')} disabled={act.isPending} onClick={() => act.mutate('confirm')}>
                  {t('salesOrderDetail.confirm')}
                </Button>
              ) : null}
              {actions.includes('invoice') ? (
                <Button color="teal" leftSection={<IconFileInvoice size={16} />} loading={busy('invoice')} disabled={act.isPending} onClick={() => act.mutate('invoice')}>
                  {t('salesOrderDetail.invoice')}
                </Button>
              ) : null}
              {actions.includes('cancel') ? (
                <Button color="red" variant="light" leftSection={<IconX size={16} />} disabled={act.isPending} onClick={cancelDialog.open}>
                  {t('salesOrderDetail.cancelOrder')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      {outcome && !act.isError ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status" mb="lg" withCloseButton closeButtonLabel={t('salesOrderDetail.dismiss')} onClose={() => setOutcome(undefined)}>
          {outcome}
        </Alert>
      ) : null}
      {act.isError && !cancelOpened ? (
        <Alert color="red" variant="light" title={t(`salesOrderDetail.failed.${act.variables ?? 'confirm'}`)} icon={<IconAlertCircle size={18} />} role="alert" mb="lg">
          {errorMessage(act.error)}
        </Alert>
      ) : null}
      <Modal opened={cancelOpened} onClose={cancelDialog.close} title={t('salesOrderDetail.cancelTitle', { number: order.number })} centered>
        <Stack gap="md">
          <Text size="sm">
            {t('salesOrderDetail.cancelText', { amount: formatMoney(order.total, order.currency) })}
          </Text>
          {act.isError && act.variables === 'cancel' ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(act.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={cancelDialog.close}>
              {t('salesOrderDetail.keepOrder')}
            </Button>
            <Button color="red" loading={busy('cancel')} onClick={() => act.mutate('cancel')}>
              {t('salesOrderDetail.cancelTheOrder')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <RecordPaymentModal invoice={paying} onClose={() => setPaying(undefined)} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title={t('salesOrderDetail.lines')}>
              <Table.ScrollContainer minWidth={520}>
                <Table aria-label={t('salesOrderDetail.lines')}>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>#</Table.Th>
                      <Table.Th>{t('salesOrderDetail.item')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('salesOrderDetail.quantity')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('salesOrderDetail.unitPrice')}</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>{t('salesOrderDetail.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {order.lines.map((line) => (
                      <Table.Tr key={line.lineNumber}>
                        <Table.Td>{line.lineNumber}</Table.Td>
                        <Table.Td miw={180}>
                          <Text size="sm" ff="monospace" fw={600}>
                            {line.itemNumber}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {line.name}
                          </Text>
                        </Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{line.quantity}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>{formatMoney(line.unitPrice, order.currency)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>{formatMoney(line.amount, order.currency)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th colSpan={4} style={{ textAlign: 'right' }}>
                        {t('salesOrders.columns.total')}
                      </Table.Th>
                      <Table.Th style={{ whiteSpace: 'nowrap', textAlign: 'right' }} aria-label={t('salesOrderDetail.orderTotal')}>
                        {formatMoney(order.total, order.currency)}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </Table.ScrollContainer>
            </Section>
            {order.note ? (
              <Section title={t('salesOrderDetail.note')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {order.note}
                </Text>
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Section title={t('salesOrderDetail.order')}>
              <Details
                items={[
                  [t('salesOrders.columns.status'), <StatusBadge status={order.status} />],
                  [
                    t('salesOrders.columns.customer'),
                    <AppLink to={`/hq/customers/${encodeURIComponent(order.customerAccount)}`} size="sm" ff="monospace">
                      {order.customerAccount}
                    </AppLink>,
                  ],
                  [
                    t('customerDetail.hierarchy'),
                    <AppLink to={`/hq/customer-hierarchies/${encodeURIComponent(order.hierarchyId)}`} size="sm" ff="monospace">
                      {order.hierarchyId}
                    </AppLink>,
                  ],
                  [t('salesOrders.columns.buyer'), order.buyer],
                  [t('salesOrders.columns.purchaseOrder'), order.purchaseOrderNumber],
                  [t('salesOrders.columns.storefrontOrder'), order.storefrontOrderNumber],
                  [t('salesOrders.columns.ordered'), formatDateTime(order.orderedAt)],
                  [t('prospectDetail.lastChanged'), formatDateTime(order.updatedAt)],
                  [t('salesOrders.columns.total'), formatMoney(order.total, order.currency)],
                ]}
              />
            </Section>
            <Section
              title={t('salesOrderDetail.invoiceSection')}
              actions={
                order.invoice && mayWrite && order.invoice.status !== 'Paid' ? (
                  <Button size="xs" variant="light" leftSection={<IconCash size={14} />} onClick={() => setPaying(order.invoice)}>
                    {t('invoices.recordPayment')}
                  </Button>
                ) : null
              }
            >
              {order.invoice ? (
                <InvoiceDetails invoice={order.invoice} />
              ) : (
                <Text size="sm" c="dimmed">
                  {order.status === 'Canceled' ? t('salesOrderDetail.canceledBeforeInvoice') : t('salesOrderDetail.notInvoiced')}
                </Text>
              )}
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function InvoiceDetails({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('hq');
  const overdue = isOverdue(invoice);
  return (
    <Details
      items={[
        [
          t('salesOrderDetail.number'),
          <AppLink to={`/hq/invoices?search=${encodeURIComponent(invoice.number)}`} size="sm" ff="monospace">
            {invoice.number}
          </AppLink>,
        ],
        [t('salesOrders.columns.status'), <StatusBadge status={invoice.status} />],
        [t('salesOrderDetail.amount'), formatMoney(invoice.amount, invoice.currency)],
        [t('salesOrderDetail.paid'), formatMoney(invoice.paid, invoice.currency)],
        [t('invoices.columns.openBalance'), formatMoney(invoice.balance, invoice.currency)],
        [t('salesOrderDetail.paymentTerms'), invoice.paymentTerms],
        [
          t('invoices.columns.due'),
          <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 700 : undefined}>
            {formatDueDate(invoice.dueDate)}
            {overdue ? ` · ${t('salesOrderDetail.overdue')}` : ''}
          </Text>,
        ],
        [t('salesOrderDetail.invoiced'), formatDateTime(invoice.createdAt)],
      ]}
    />
  );
}
