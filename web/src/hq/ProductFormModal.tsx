// Releasing a product or changing one (one form): the item number only on create, the server's rule errors under their fields.
import { Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';
import { FormActions } from '../ui/FormActions.tsx';
import { notifySuccess } from '../ui/notify.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { statusLabel } from '../ui/StatusBadge.tsx';
import { useTranslation } from 'react-i18next';
import { numberInputSeparators } from '../ui/format.ts';

export type Product = components['schemas']['Product'];
type ProductStatus = Product['status'];

export const productsKey = ['hq', 'products'] as const;

type Field = 'itemNumber' | 'name' | 'description' | 'unit' | 'price' | 'currency' | 'minQuantity' | 'maxQuantity' | 'multiple' | 'standardQuantity' | 'status';
const fields: readonly Field[] = ['itemNumber', 'name', 'description', 'unit', 'price', 'currency', 'minQuantity', 'maxQuantity', 'multiple', 'standardQuantity', 'status'];
const fieldOf = (path: string): Field | undefined => fields.find((field) => field === path);
const statuses: ProductStatus[] = ['Active', 'Discontinued'];

type Amount = number | string;
const amountOf = (value: number | undefined): Amount => value ?? '';
const quantityOf = (value: Amount): number | null => (typeof value === 'number' ? value : null);

/** `product` undefined: a new product; a product: edit that product. */
export function ProductFormModal({ opened, product, onClose }: { opened: boolean; product?: Product | undefined; onClose: () => void }) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={opened} onClose={onClose} title={product ? t('products.editTitle', { itemNumber: product.itemNumber }) : t('products.new')} centered size="lg">
      {opened ? <ProductForm product={product} onDone={onClose} /> : null}
    </Modal>
  );
}

function ProductForm({ product, onDone }: { product: Product | undefined; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const labels = Object.fromEntries(fields.map((field) => [field, t(`products.fields.${field}`)])) as Record<Field, string>;
  const queryClient = useQueryClient();
  const [itemNumber, setItemNumber] = useState('');
  const [name, setName] = useState(product?.name ?? '');
  const [description, setDescription] = useState(product?.description ?? '');
  const [unit, setUnit] = useState(product?.unit ?? 'pcs');
  const [price, setPrice] = useState<Amount>(amountOf(product?.price));
  const [currency, setCurrency] = useState(product?.currency ?? 'EUR');
  const [minQuantity, setMinQuantity] = useState<Amount>(amountOf(product?.minQuantity));
  const [maxQuantity, setMaxQuantity] = useState<Amount>(amountOf(product?.maxQuantity));
  const [multiple, setMultiple] = useState<Amount>(amountOf(product?.multiple));
  const [standardQuantity, setStandardQuantity] = useState<Amount>(amountOf(product?.standardQuantity));
  const [status, setStatus] = useState<ProductStatus>(product?.status ?? 'Active');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const save = useMutation({
    mutationFn: (body: {
      name: string;
      description: string | null;
      unit: string;
      price: number;
      currency: string;
      minQuantity: number | null;
      maxQuantity: number | null;
      multiple: number | null;
      standardQuantity: number | null;
      status: ProductStatus;
    }) =>
      unwrap(
        product
          ? api.PATCH('/api/hq/products/{itemNumber}', { params: { path: { itemNumber: product.itemNumber } }, body })
          : api.POST('/api/hq/products', { body: { ...body, itemNumber: itemNumber.trim(), description: body.description ?? undefined } }),
      ),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: productsKey });
      notifySuccess(product ? t('products.saved') : t('products.released'), t('products.savedText', { itemNumber: saved.itemNumber, name: saved.name }));
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, fieldOf, (field) => labels[field])),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Only what is plainly missing is checked here; the quantity rules are the server's, worded there.
    const found: FieldErrors<Field> = {};
    if (!product && !itemNumber.trim()) found.itemNumber = t('products.required', { label: labels.itemNumber });
    if (!name.trim()) found.name = t('products.required', { label: labels.name });
    if (!unit.trim()) found.unit = t('products.required', { label: labels.unit });
    if (typeof price !== 'number') found.price = t('products.required', { label: labels.price });
    if (!/^[A-Za-z]{3}$/.test(currency.trim())) found.currency = t('products.currencyInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0 || typeof price !== 'number') return;
    save.mutate({
      name: name.trim(),
      description: description.trim() || null,
      unit: unit.trim(),
      price,
      currency: currency.trim().toUpperCase(),
      minQuantity: quantityOf(minQuantity),
      maxQuantity: quantityOf(maxQuantity),
      multiple: quantityOf(multiple),
      standardQuantity: quantityOf(standardQuantity),
      status,
    });
  }

  const quantity = { min: 1, max: 1_000_000, allowDecimal: false, allowNegative: false, placeholder: t('products.none') } as const;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={product ? t('products.editProduct') : t('products.new')}>
      <Stack gap="md">
        {product ? null : (
          <TextInput
            label={labels.itemNumber}
            description={t('products.itemNumberHint')}
            required
            autoComplete="off"
            value={itemNumber}
            error={errors.itemNumber}
            maxLength={40}
            onChange={(e) => setItemNumber(e.currentTarget.value)}
            data-autofocus
          />
        )}
        <TextInput label={labels.name} required autoComplete="off" value={name} error={errors.name} maxLength={200} onChange={(e) => setName(e.currentTarget.value)} />
        <Textarea label={labels.description} autosize minRows={2} maxRows={6} value={description} error={errors.description} maxLength={4000} onChange={(e) => setDescription(e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label={labels.unit} description={t('products.unitHint')} required autoComplete="off" value={unit} error={errors.unit} maxLength={20} onChange={(e) => setUnit(e.currentTarget.value)} />
          <NumberInput label={labels.price} description={t('products.priceHint')} required min={0} max={1e12} decimalScale={2} allowNegative={false} {...numberInputSeparators()} value={price} error={errors.price} onChange={setPrice} />
          <TextInput label={labels.currency} description={t('products.currencyHint')} required autoComplete="off" value={currency} error={errors.currency} maxLength={3} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput label={labels.minQuantity} value={minQuantity} error={errors.minQuantity} onChange={setMinQuantity} {...quantity} />
          <NumberInput label={labels.maxQuantity} value={maxQuantity} error={errors.maxQuantity} onChange={setMaxQuantity} {...quantity} />
          <NumberInput label={labels.multiple} description={t('products.multipleHint')} value={multiple} error={errors.multiple} onChange={setMultiple} {...quantity} />
          <NumberInput label={labels.standardQuantity} description={t('products.standardQuantityHint')} value={standardQuantity} error={errors.standardQuantity} onChange={setStandardQuantity} {...quantity} />
        </SimpleGrid>
        <NativeSelect
          label={labels.status}
          description={t('products.statusHint')}
          required
          data={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
          value={status}
          error={errors.status}
          onChange={(e) => setStatus(e.currentTarget.value === 'Discontinued' ? 'Discontinued' : 'Active')}
        />
        <FormActions error={save.isError && !allFieldsMapped(save.error, fieldOf) ? save.error : null} onCancel={onDone} submitLabel={product ? t('products.save') : t('products.release')} loading={save.isPending} />
      </Stack>
    </form>
  );
}
