// My orders: a User sees their own orders, an Admin the organization's, newest first; status (and for Admins buyer)
// filters and the page are kept in the address.
import { Anchor, Container, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconReceipt } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatMoney, fullName } from '../ui/format.ts';
import { Pager } from '../ui/Pager.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { ordersKey, orderStatuses } from './ordering.ts';
import { useSignedInPartner } from './PartnerArea.tsx';
import { organizationUsersKey } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';
import { AccountBreadcrumbs } from './AccountBreadcrumbs.tsx';

const limit = 25;

export function OrdersPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('account.myOrders')} · ${storeName}`);
  const { organization, role } = useSignedInPartner();
  const admin = role === 'Admin';
  const [filters, setFilters] = useQueryParams({ status: '', buyer: '', offset: '0' });
  const status = orderStatuses.find((s) => s === filters.status);
  const buyer = admin && filters.buyer ? filters.buyer : undefined;
  const offset = toOffset(filters.offset);

  const orders = useQuery({
    queryKey: [...ordersKey, { status, buyer, offset }],
    queryFn: () => unwrap(api.GET('/api/store/orders', { params: { query: { ...(status ? { status } : {}), ...(buyer ? { buyer } : {}), limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  // The buyers an admin can filter by: the organization's users (a short list).
  const users = useQuery({
    queryKey: [...organizationUsersKey, 'buyers'],
    queryFn: () => unwrap(api.GET('/api/store/organization/users', { params: { query: { sort: 'name', limit: 200, offset: 0 } } })),
    enabled: admin,
  });
  const filtered = Boolean(status || buyer);

  return (
    <Container size="lg" py={40}>
      <AccountBreadcrumbs current={t('account.myOrders')} />
      <Stack gap={4} mb="lg">
        <Title order={1}>{t('account.myOrders')}</Title>
        <Text c="dimmed">{admin ? t('orders.introAdmin', { organization: organization.name }) : t('orders.intro')}</Text>
      </Stack>
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group gap="md" wrap="wrap" align="flex-end">
            <NativeSelect
              label={t('orders.status')}
              value={status ?? ''}
              onChange={(e) => setFilters({ status: e.currentTarget.value, offset: '0' })}
              data={[{ value: '', label: t('orders.allStatuses') }, ...orderStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
              w={{ base: '100%', xs: 220 }}
            />
            {admin ? (
              <NativeSelect
                label={t('orders.buyer')}
                value={buyer ?? ''}
                onChange={(e) => setFilters({ buyer: e.currentTarget.value, offset: '0' })}
                data={[{ value: '', label: t('orders.allBuyers') }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: fullName(u) || u.email }))]}
                w={{ base: '100%', xs: 260 }}
              />
            ) : null}
          </Group>
          {orders.data && orders.isError ? <ErrorAlert error={orders.error} title={t('orders.refreshFailed')} /> : null}
          {!orders.data ? (
            orders.isError ? (
              <ErrorAlert error={orders.error} title={t('orders.loadFailed')} />
            ) : (
              <TableSkeleton rows={3} />
            )
          ) : orders.data.items.length === 0 ? (
            <Empty icon={<IconReceipt size={24} />} title={filtered ? t('orders.noneMatch') : t('orders.none')} description={filtered ? t('orders.noneMatchHint') : t('orders.noneHint')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={640}>
                <Table striped aria-label={t('account.orders')}>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>{t('orders.order')}</Table.Th>
                      <Table.Th>{t('orders.placed')}</Table.Th>
                      <Table.Th>{t('orders.buyer')}</Table.Th>
                      <Table.Th>{t('orders.poNumber')}</Table.Th>
                      <Table.Th>{t('orders.status')}</Table.Th>
                      <Table.Th ta="right">{t('orders.total')}</Table.Th>
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
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(order.createdAt)}</Table.Td>
                        <Table.Td>{order.placedBy.name}</Table.Td>
                        <Table.Td>{order.purchaseOrderNumber ?? '—'}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={order.status} size="sm" />
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {formatMoney(order.total, order.currency)}
                        </Table.Td>
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
    </Container>
  );
}
