// Approvals: an admin of the partner sees the orders above a buyer's spending limits and approves them (they are placed)
// or rejects them with a reason (their credit is freed). Users are told this page is for admins.
import { Alert, Anchor, Button, Container, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChecks, IconLock } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatMoney } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';
import { Pager } from '../ui/Pager.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { ordersKey, refreshOrdering } from './ordering.ts';
import type { OrderSummary } from './ordering.ts';
import { useSignedInPartner } from './PartnerArea.tsx';
import { useStoreName } from './useStoreName.ts';
import { AccountBreadcrumbs } from './AccountBreadcrumbs.tsx';

const limit = 25;

export function ApprovalsPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('account.approvals')} · ${storeName}`);
  const { organization, role } = useSignedInPartner();

  return (
    <Container size="lg" py={40}>
      <AccountBreadcrumbs current={t('account.approvals')} />
      <Stack gap={4} mb="lg">
        <Title order={1}>{t('account.approvals')}</Title>
        <Text c="dimmed">{t('approvals.intro', { organization: organization.name })}</Text>
      </Stack>
      {role === 'Admin' ? (
        <AwaitingApproval />
      ) : (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} title={t('approvals.adminsOnly')}>
          {t('approvals.adminsOnlyText', { organization: organization.name })}
        </Alert>
      )}
    </Container>
  );
}

function AwaitingApproval() {
  const { t } = useTranslation('storefront');
  const queryClient = useQueryClient();
  const [filters, setFilters] = useQueryParams({ offset: '0' });
  const offset = toOffset(filters.offset);
  const [rejecting, setRejecting] = useState<OrderSummary>();
  const orders = useQuery({
    queryKey: [...ordersKey, { status: 'AwaitingApproval', offset }],
    queryFn: () => unwrap(api.GET('/api/store/orders', { params: { query: { status: 'AwaitingApproval', limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const approve = useMutation({
    mutationFn: (order: OrderSummary) => unwrap(api.POST('/api/store/orders/{id}/approve', { params: { path: { id: order.id } } })),
    onSuccess: async (order) => {
      notifySuccess(t('approvals.approved', { number: order.number }), t('approvals.approvedText', { buyer: order.placedBy.name }));
      await refreshOrdering(queryClient);
    },
    onError: async (error) => {
      notifyError(error, t('approvals.approveFailed'));
      await refreshOrdering(queryClient);
    },
  });

  return (
    <Paper withBorder radius="md" p="md">
      {orders.data && orders.isError ? <ErrorAlert error={orders.error} title={t('catalogue.refreshFailed')} /> : null}
      {!orders.data ? (
        orders.isError ? (
          <ErrorAlert error={orders.error} title={t('approvals.loadFailed')} />
        ) : (
          <TableSkeleton rows={3} />
        )
      ) : orders.data.items.length === 0 ? (
        <Empty icon={<IconChecks size={24} />} title={t('approvals.none')} description={t('approvals.noneHint')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped aria-label={t('approvals.table')}>
              <Table.Thead>
                <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                  <Table.Th>{t('orders.order')}</Table.Th>
                  <Table.Th>{t('orders.buyer')}</Table.Th>
                  <Table.Th>{t('orders.placed')}</Table.Th>
                  <Table.Th>{t('orders.poNumber')}</Table.Th>
                  <Table.Th ta="right">{t('cart.total')}</Table.Th>
                  <Table.Th>{t('approvals.decision')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orders.data.items.map((order) => (
                  <Table.Tr key={order.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/my-account/orders/${order.id}`} ff="monospace">
                        {order.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{order.placedBy.name}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(order.createdAt)}</Table.Td>
                    <Table.Td>{order.purchaseOrderNumber ?? '—'}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatMoney(order.total, order.currency)}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" aria-label={t('approvals.approveOrder', { number: order.number })} loading={approve.isPending && approve.variables.id === order.id} onClick={() => approve.mutate(order)}>
                          {t('approvals.approve')}
                        </Button>
                        <Button size="xs" variant="light" color="red" aria-label={t('approvals.rejectOrder', { number: order.number })} onClick={() => setRejecting(order)}>
                          {t('approvals.reject')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager total={orders.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
        </>
      )}
      <Modal opened={rejecting !== undefined} onClose={() => setRejecting(undefined)} title={rejecting ? t('approvals.rejectOrder', { number: rejecting.number }) : t('approvals.reject')} centered>
        {rejecting ? <RejectForm order={rejecting} onDone={() => setRejecting(undefined)} /> : null}
      </Modal>
    </Paper>
  );
}

function RejectForm({ order, onDone }: { order: OrderSummary; onDone: () => void }) {
  const { t } = useTranslation('storefront');
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const reject = useMutation({
    mutationFn: (body: { reason: string }) => unwrap(api.POST('/api/store/orders/{id}/reject', { params: { path: { id: order.id } }, body })),
    onSuccess: async () => {
      notifySuccess(t('approvals.rejected', { number: order.number }), t('approvals.rejectedText', { buyer: order.placedBy.name }));
      await refreshOrdering(queryClient);
      onDone();
    },
    onError: (e) => setError(e instanceof ApiError && e.fieldErrors[0] ? `${t('approvals.reason')} ${e.fieldErrors[0].message}` : errorMessage(e)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) return setError(t('approvals.reasonRequired'));
    setError(undefined);
    reject.mutate({ reason: reason.trim() });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {t('approvals.rejectText', { buyer: order.placedBy.name, total: formatMoney(order.total, order.currency) })}
        </Text>
        <Textarea label={t('approvals.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} maxLength={1000} autosize minRows={3} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common:ui.cancel')}
          </Button>
          <Button type="submit" color="red" loading={reject.isPending}>
            {t('approvals.rejectSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
