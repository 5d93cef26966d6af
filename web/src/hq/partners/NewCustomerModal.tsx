// New customer: a person (to add to a business partner) or an organization (to onboard as one).
import { Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import type { Customer } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../../ui/problems.ts';
import type { FieldErrors } from '../../ui/problems.ts';
import type { CustomerType, NewCustomerBody } from '../partnerTypes.ts';
import { CustomerFields } from './CustomerFields.tsx';
import { customerFieldOf, customerLabel, emptyCustomer, toCustomerBody, validateCustomer } from './customerForm.ts';
import type { CustomerField } from './customerForm.ts';
import { FormActions } from '../../ui/FormActions.tsx';

const types: readonly CustomerType[] = ['Organization', 'Person'];

export function NewCustomerModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (customer: Customer) => void }) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={opened} onClose={onClose} title={t('partners.newCustomer.title')} size="lg" centered>
      {opened ? <NewCustomerForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

function NewCustomerForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (customer: Customer) => void }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [type, setType] = useState<CustomerType>('Organization');
  const [values, setValues] = useState(() => emptyCustomer());
  const [errors, setErrors] = useState<FieldErrors<CustomerField>>({});

  const create = useMutation({
    mutationFn: (body: NewCustomerBody) => unwrap(api.POST('/api/hq/customers', { body })),
    onSuccess: (customer) => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
      queryClient.setQueryData(['hq', 'customer', customer.account], customer);
      notifySuccess(t('partners.newCustomer.created'), t('partners.newCustomer.createdText', { name: customer.name, account: customer.account }));
      onCreated(customer);
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, customerFieldOf, customerLabel)),
  });

  function change(field: CustomerField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validateCustomer(type, values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(toCustomerBody(type, values));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('partners.newCustomer.title')}>
      <Stack gap="md">
        <NativeSelect
          label={t('partners.newCustomer.type')}
          description={t(`partners.newCustomer.typeHelp.${type}`)}
          data={types.map((option) => ({ value: option, label: t(`partners.newCustomer.types.${option}`) }))}
          value={type}
          onChange={(event) => {
            setType(event.currentTarget.value as CustomerType);
            setErrors({});
          }}
        />
        <CustomerFields type={type} values={values} errors={errors} onChange={change} autoFocus />
        <Text size="xs" c="dimmed">
          {t('partners.newCustomer.note')}
        </Text>
        <FormActions error={create.isError && !allFieldsMapped(create.error, customerFieldOf) ? create.error : null} onCancel={onCancel} submitLabel={t('partners.newCustomer.save')} loading={create.isPending} />
      </Stack>
    </form>
  );
}
