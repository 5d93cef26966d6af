// Record payment: part or all of an invoice's open balance (prefilled with all of it); the server's refusal shows under Amount.
import { Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap } from '../api/client.ts';
import { formatMoney, numberInputSeparators } from '../ui/format.ts';
import { FormActions } from '../ui/FormActions.tsx';
import { notifySuccess } from '../ui/notify.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { invoicesKey, salesOrdersKey } from './salesOrders.ts';
import type { Invoice } from './salesOrders.ts';
import { Trans, useTranslation } from 'react-i18next';

type Field = 'amount';
const fieldOf = (path: string): Field | undefined => (path === 'amount' ? path : undefined);

export function RecordPaymentModal({ invoice, onClose }: { invoice: Invoice | undefined; onClose: () => void }) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={invoice !== undefined} onClose={onClose} title={invoice ? t('invoices.recordPaymentFor', { number: invoice.number }) : t('invoices.recordPayment')} centered>
      {invoice ? <PaymentForm invoice={invoice} onDone={onClose} /> : null}
    </Modal>
  );
}

function PaymentForm({ invoice, onDone }: { invoice: Invoice; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState<number | string>(invoice.balance);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const pay = useMutation({
    mutationFn: (value: number) => unwrap(api.POST('/api/hq/invoices/{id}/payments', { params: { path: { id: invoice.id } }, body: { amount: value } })),
    onSuccess: (paid) => {
      void queryClient.invalidateQueries({ queryKey: invoicesKey });
      void queryClient.invalidateQueries({ queryKey: salesOrdersKey });
      notifySuccess(
        paid.status === 'Paid' ? t('invoices.isPaid', { number: paid.number }) : t('invoices.paymentRecorded'),
        paid.status === 'Paid' ? t('invoices.creditBack') : t('invoices.stillOpen', { amount: formatMoney(paid.balance, paid.currency) }),
      );
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, fieldOf, () => t('salesOrderDetail.amount'))),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The balance rule is the server's; only a missing amount is caught here.
    if (typeof amount !== 'number') {
      setErrors({ amount: t('invoices.amountRequired') });
      return;
    }
    setErrors({});
    pay.mutate(amount);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('invoices.recordPayment')}>
      <Stack gap="md">
        <Text size="sm">
          <Trans t={t} i18nKey="invoices.paymentIntro" values={{ balance: formatMoney(invoice.balance, invoice.currency), amount: formatMoney(invoice.amount, invoice.currency), account: invoice.customerAccount }} components={{ b: <b /> }} />
        </Text>
        <NumberInput
          label={t('salesOrderDetail.amount')}
          description={t('invoices.inCurrency', { currency: invoice.currency })}
          required
          min={0}
          decimalScale={2}
          allowNegative={false}
          {...numberInputSeparators()}
          value={amount}
          error={errors.amount}
          onChange={setAmount}
          data-autofocus
        />
        <FormActions error={pay.isError && !allFieldsMapped(pay.error, fieldOf) ? pay.error : null} onCancel={onDone} submitLabel={t('invoices.recordPayment')} loading={pay.isPending} />
      </Stack>
    </form>
  );
}
