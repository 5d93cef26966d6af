// One order: its lines and total, purchase order number and note, who placed and approved it, why it was rejected, and its history.
// Right after checkout it says whether the order was placed or waits for an admin's approval.
import { Alert, Anchor, Breadcrumbs, Container, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconHourglass } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, isStatus, unwrap } from '../api/client.ts';
import { Details } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatMoney } from '../ui/format.ts';
import { NotFound } from '../ui/NotFound.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { ordersKey } from './ordering.ts';
import { useStoreName } from './useStoreName.ts';

function noticeOf(state: unknown): string | undefined {
  const notice = typeof state === 'object' && state !== null ? (state as Record<string, unknown>).notice : undefined;
  return typeof notice === 'string' ? notice : undefined;
}

export function OrderDetailPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  const { id = '' } = useParams();
  const location = useLocation();
  const notice = noticeOf(location.state);
  const order = useQuery({ queryKey: [...ordersKey, id], queryFn: () => unwrap(api.GET('/api/store/orders/{id}', { params: { path: { id } } })), retry: false });
  useDocumentTitle(`${order.data ? t('cart.orderNumber', { number: order.data.number }) : t('order.title')} · ${storeName}`);

  if (isStatus(order.error, 404) || isStatus(order.error, 400)) return <NotFound home="/my-account/orders" homeLabel={t('order.goToMyOrders')} />;

  return (
    <Container size="lg" py={40}>
      <Breadcrumbs mb="sm" fz="sm">
        <Anchor component={Link} to="/my-account" size="sm">
          {t('layout.myAccount')}
        </Anchor>
        <Anchor component={Link} to="/my-account/orders" size="sm">
          {t('account.myOrders')}
        </Anchor>
        <Text span size="sm" c="dimmed">
          {order.data?.number ?? t('order.title')}
        </Text>
      </Breadcrumbs>
      {!order.data ? (
        order.isError ? (
          <ErrorAlert error={order.error} title={t('order.loadFailed')} />
        ) : (
          <Stack gap="md" aria-busy="true" aria-label={t('catalogue.loading')}>
            <Skeleton height={36} width="30%" />
            <Skeleton height={180} radius="md" />
          </Stack>
        )
      ) : (
        <Stack gap="lg">
          <Group justify="space-between" align="center" wrap="wrap">
            <Title order={1}>{t('cart.orderNumber', { number: order.data.number })}</Title>
            <StatusBadge status={order.data.status} size="lg" />
          </Group>
          {notice && order.data.status === 'AwaitingApproval' ? (
            <Alert color="yellow" variant="light" icon={<IconHourglass size={18} />} title={t('ordering.awaitingApproval')}>
              {t('order.awaitingText')}
            </Alert>
          ) : notice ? (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={notice}>
              {t('order.placedText')}
            </Alert>
          ) : null}
          {order.data.status === 'Rejected' && order.data.rejectionReason ? (
            <Alert color="red" variant="light" title={statusLabel('Rejected')}>
              {order.data.rejectionReason}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Section title={t('order.title')}>
              <Details
                labelWidth={170}
                items={[
                  [t('orders.status'), <StatusBadge key="s" status={order.data.status} size="sm" />],
                  [t('orders.placed'), formatDateTime(order.data.createdAt)],
                  [t('order.placedBy'), order.data.placedBy.name],
                  [t('order.approvedBy'), order.data.approvedBy?.name],
                  [t('cart.poNumber'), order.data.purchaseOrderNumber],
                  [t('cart.note'), order.data.note],
                  [t('order.rejectionReason'), order.data.rejectionReason],
                  [t('cart.total'), formatMoney(order.data.total, order.data.currency)],
                ]}
              />
            </Section>
            <Section title={t('order.history')}>
              <Timeline active={order.data.history.length - 1} bulletSize={14} lineWidth={2}>
                {order.data.history.map((event, n) => (
                  <Timeline.Item key={n} title={statusLabel(event.status)}>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(event.at)} · {event.actor}
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Section>
          </SimpleGrid>
          <Paper withBorder radius="md" p="md">
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label={t('order.lines')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>{t('cart.product')}</Table.Th>
                    <Table.Th ta="right">{t('addToCart.quantity')}</Table.Th>
                    <Table.Th ta="right">{t('cart.unitPrice')}</Table.Th>
                    <Table.Th ta="right">{t('cart.amount')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {order.data.lines.map((line) => (
                    <Table.Tr key={line.lineNumber}>
                      <Table.Td>{line.lineNumber}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{line.name}</Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {line.itemNumber}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {line.quantity} {line.unit}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatMoney(line.unitPrice, order.data.currency)}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatMoney(line.amount, order.data.currency)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th colSpan={4} ta="right">
                      {t('cart.total')}
                    </Table.Th>
                    <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatMoney(order.data.total, order.data.currency)}
                    </Table.Th>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </Stack>
      )}
    </Container>
  );
}
