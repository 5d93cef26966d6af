// Adding to the cart: a product's quantity and "Add to cart" on the catalogue, and the quick add by item number on the cart page.
// The server checks the quantity rule; its message (what would be accepted) is shown under the field.
import { Button, Group, NumberInput, TextInput } from '@mantine/core';
import { IconShoppingCartPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import { notifySuccess } from '../ui/notify.ts';
import { cartKey } from './ordering.ts';

type Field = 'itemNumber' | 'quantity';

function useAddLine(onAdded: (itemNumber: string, quantity: number) => void) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const add = useMutation({
    mutationFn: (body: { itemNumber: string; quantity: number }) => unwrap(api.POST('/api/store/cart/lines', { body })),
    onSuccess: (cart, body) => {
      setErrors({});
      queryClient.setQueryData(cartKey, cart);
      onAdded(body.itemNumber, body.quantity);
    },
    onError: (error) => {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of error instanceof ApiError ? error.fieldErrors : []) {
        if (issue.path === 'itemNumber' || issue.path === 'quantity') found[issue.path] ??= issue.message;
      }
      // A problem without field errors (a 404 from an older server, a network failure) still shows next to the quantity.
      if (!found.itemNumber && !found.quantity) found.quantity = errorMessage(error);
      setErrors(found);
    },
  });
  return { add, errors, setErrors };
}

function whole(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

interface ProductLimits {
  itemNumber: string;
  name: string;
  minQuantity?: number | undefined;
  maxQuantity?: number | undefined;
  standardQuantity?: number | undefined;
}

/** On a catalogue card: starts at the product's standard quantity (or its minimum, or 1). */
export function ProductAddToCart({ product }: { product: ProductLimits }) {
  const { t } = useTranslation('storefront');
  const [quantity, setQuantity] = useState<string | number>(product.standardQuantity ?? product.minQuantity ?? 1);
  const { add, errors, setErrors } = useAddLine((_, q) => notifySuccess(t('addToCart.added'), `${q} × ${product.name}`));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = whole(quantity);
    if (!q) return setErrors({ quantity: t('addToCart.wholeQuantity') });
    add.mutate({ itemNumber: product.itemNumber, quantity: q });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('addToCart.addProduct', { product: product.name })}>
      <Group align="flex-start" gap="xs" wrap="nowrap">
        <NumberInput
          label={t('addToCart.quantity')}
          aria-label={t('addToCart.quantityOf', { product: product.name })}
          value={quantity}
          onChange={setQuantity}
          min={1}
          max={product.maxQuantity}
          allowDecimal={false}
          allowNegative={false}
          error={errors.quantity ?? errors.itemNumber}
          w={110}
          size="sm"
        />
        <Button type="submit" mt={25} size="sm" loading={add.isPending} leftSection={<IconShoppingCartPlus size={16} />}>
          {t('addToCart.submit')}
        </Button>
      </Group>
    </form>
  );
}

/** On the cart page: an item number someone already knows, straight into the cart. */
export function QuickAdd() {
  const { t } = useTranslation('storefront');
  const [itemNumber, setItemNumber] = useState('');
  const [quantity, setQuantity] = useState<string | number>(1);
  const { add, errors, setErrors } = useAddLine((item, q) => {
    setItemNumber('');
    setQuantity(1);
    notifySuccess(t('addToCart.added'), `${q} × ${item}`);
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Field, string>> = {};
    const q = whole(quantity);
    if (!itemNumber.trim()) found.itemNumber = t('addToCart.itemNumberRequired');
    if (!q) found.quantity = t('addToCart.wholeQuantity');
    setErrors(found);
    if (found.itemNumber || found.quantity || !q) return;
    add.mutate({ itemNumber: itemNumber.trim(), quantity: q });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('addToCart.quickAdd')}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput label={t('addToCart.itemNumber')} value={itemNumber} onChange={(e) => setItemNumber(e.currentTarget.value)} error={errors.itemNumber} maxLength={40} w={{ base: '100%', xs: 220 }} />
        <NumberInput label={t('addToCart.quantity')} value={quantity} onChange={setQuantity} min={1} allowDecimal={false} allowNegative={false} error={errors.quantity} w={120} />
        <Button type="submit" mt={25} loading={add.isPending} leftSection={<IconShoppingCartPlus size={16} />}>
          {t('addToCart.add')}
        </Button>
      </Group>
    </form>
  );
}
