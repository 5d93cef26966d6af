// Cart: the lines priced by the server now, quantity changes and removal, the organization's available credit and the
// checkout on account. A checkout above the credit is refused (409) with the server's words and the cart is kept.
import { ActionIcon, Alert, Button, Container, Group, NumberInput, Paper, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconShoppingCart, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, errorMessage, isStatus, unwrap } from '../api/client.ts';
import { Details } from '../ui/Details.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatMoney } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';
import { Section } from '../ui/Section.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { QuickAdd } from './AddToCart.tsx';
import { cartKey, checkoutNotice, refreshOrdering, useCart, useCredit } from './ordering.ts';
import type { Cart, CartLine } from './ordering.ts';
import { useStoreName } from './useStoreName.ts';
import { AccountBreadcrumbs } from './AccountBreadcrumbs.tsx';

export function CartPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('cart.title')} · ${storeName}`);
  const cart = useCart();

  return (
    <Container size="lg" py={40}>
      <AccountBreadcrumbs current={t('cart.title')} />
      <Stack gap={4} mb="lg">
        <Title order={1}>{t('cart.title')}</Title>
        <Text c="dimmed">{t('cart.intro')}</Text>
      </Stack>
      <Stack gap="lg">
        <Section title={t('addToCart.quickAdd')}>
          <QuickAdd />
        </Section>
        <Paper withBorder radius="md" p="md">
          {!cart.data ? (
            cart.isError ? (
              <ErrorAlert error={cart.error} title={t('cart.loadFailed')} />
            ) : (
              <TableSkeleton rows={3} />
            )
          ) : cart.data.lines.length === 0 ? (
            <Empty
              icon={<IconShoppingCart size={24} />}
              title={t('cart.empty')}
              description={t('cart.emptyHint')}
            >
              <Button component={Link} to="/products" variant="light">
                {t('account.browseProducts')}
              </Button>
            </Empty>
          ) : (
            <CartLines cart={cart.data} />
          )}
        </Paper>
        {cart.data && cart.data.lines.length > 0 ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <CreditSection total={cart.data.total} currency={cart.data.currency} />
            <CheckoutForm cart={cart.data} />
          </SimpleGrid>
        ) : null}
      </Stack>
    </Container>
  );
}

function CartLines({ cart }: { cart: Cart }) {
  const { t } = useTranslation('storefront');
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('cart.lines')} verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('cart.product')}</Table.Th>
            <Table.Th>{t('addToCart.quantity')}</Table.Th>
            <Table.Th ta="right">{t('cart.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('cart.amount')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('cart.remove')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cart.lines.map((line) => (
            <LineRow key={line.id} line={line} currency={cart.currency} />
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={3} ta="right">
              {t('cart.total')}
            </Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }} aria-label={t('cart.cartTotal')}>
              {formatMoney(cart.total, cart.currency)}
            </Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function LineRow({ line, currency }: { line: CartLine; currency: string }) {
  const { t } = useTranslation('storefront');
  const queryClient = useQueryClient();
  const [quantity, setQuantity] = useState<string | number>(line.quantity);
  const [error, setError] = useState<string>();
  const change = useMutation({
    mutationFn: (q: number) => unwrap(api.PATCH('/api/store/cart/lines/{id}', { params: { path: { id: line.id } }, body: { quantity: q } })),
    onSuccess: (cart) => {
      setError(undefined);
      queryClient.setQueryData(cartKey, cart);
    },
    onError: (e) => setError(e instanceof ApiError ? (e.fieldErrors[0]?.message ?? e.problem.detail) : errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/store/cart/lines/{id}', { params: { path: { id: line.id } } })),
    onSuccess: (cart) => queryClient.setQueryData(cartKey, cart),
    onError: (e) => notifyError(e, t('cart.removeFailed')),
  });

  function save() {
    const q = typeof quantity === 'number' ? quantity : Number.parseInt(quantity, 10);
    if (!Number.isInteger(q) || q < 1) return setError(t('addToCart.wholeQuantity'));
    if (q !== line.quantity) change.mutate(q);
  }

  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={500}>{line.name}</Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {line.itemNumber}
        </Text>
        {line.problem ? (
          <Text size="xs" c="red" role="alert">
            <IconAlertTriangle size={12} /> {line.problem}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <NumberInput
            aria-label={t('addToCart.quantityOf', { product: line.name })}
            value={quantity}
            onChange={setQuantity}
            onBlur={save}
            min={1}
            allowDecimal={false}
            allowNegative={false}
            error={error}
            w={110}
            size="sm"
            disabled={change.isPending}
          />
        </form>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(line.unitPrice, currency)}
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        {formatMoney(line.amount, currency)}
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" color="red" aria-label={t('cart.removeLine', { product: line.name })} loading={remove.isPending} onClick={() => remove.mutate()}>
          <IconTrash size={16} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

function CreditSection({ total, currency }: { total: number; currency: string }) {
  const { t } = useTranslation('storefront');
  const credit = useCredit();
  return (
    <Section title={t('cart.credit')}>
      {credit.isError ? (
        <ErrorAlert error={credit.error} title={t('credit.loadFailed')} />
      ) : credit.data ? (
        <Stack gap="sm">
          <Details
            labelWidth={150}
            items={[
              [t('credit.available'), <Text key="a" span fw={700}>{formatMoney(credit.data.available, credit.data.currency)}</Text>],
              [t('cart.thisOrder'), formatMoney(total, currency)],
            ]}
          />
          {total > credit.data.available ? (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
              {t('cart.aboveCredit')}
            </Alert>
          ) : null}
        </Stack>
      ) : (
        <Text c="dimmed">{t('credit.loading')}</Text>
      )}
    </Section>
  );
}

function CheckoutForm({ cart }: { cart: Cart }) {
  const { t } = useTranslation('storefront');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [purchaseOrderNumber, setPurchaseOrderNumber] = useState('');
  const [note, setNote] = useState('');
  const checkout = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/store/checkout', {
          body: { ...(purchaseOrderNumber.trim() ? { purchaseOrderNumber: purchaseOrderNumber.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: async (order) => {
      queryClient.setQueryData(cartKey, { lines: [], total: 0, currency: cart.currency });
      await refreshOrdering(queryClient);
      notifySuccess(t('cart.orderNumber', { number: order.number }), checkoutNotice(order.status));
      await navigate(`/my-account/orders/${order.orderId}`, { state: { notice: checkoutNotice(order.status) } });
    },
    // A refused checkout may be stale credit or a changed cart: show the fresh figures next to the message.
    onError: () => queryClient.invalidateQueries({ queryKey: ['store'] }),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    checkout.mutate();
  }

  return (
    <Section title={t('cart.checkout')}>
      <form onSubmit={onSubmit} noValidate aria-label={t('cart.checkout')}>
        <Stack gap="md">
          {checkout.isError ? (
            <Alert color="red" variant="light" role="alert" title={isStatus(checkout.error, 409) ? t('cart.notEnoughCredit') : t('cart.notPlaced')}>
              {errorMessage(checkout.error)} {t('cart.kept')}
            </Alert>
          ) : null}
          <TextInput label={t('cart.poNumber')} value={purchaseOrderNumber} onChange={(e) => setPurchaseOrderNumber(e.currentTarget.value)} maxLength={50} />
          <Textarea label={t('cart.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} autosize minRows={2} />
          <Group justify="space-between" wrap="wrap">
            <Text fw={700}>{t('cart.totalAmount', { amount: formatMoney(cart.total, cart.currency) })}</Text>
            <Button type="submit" loading={checkout.isPending}>
              {t('cart.placeOrder')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
