// New customer: a person (to add to a business partner) or an organization (to onboard as one).
import { Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
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
  return (
    <Modal opened={opened} onClose={onClose} title="New customer" size="lg" centered>
      {opened ? <NewCustomerForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

function NewCustomerForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (customer: Customer) => void }) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<CustomerType>('Organization');
  const [values, setValues] = useState(() => emptyCustomer());
  const [errors, setErrors] = useState<FieldErrors<CustomerField>>({});

  const create = useMutation({
    mutationFn: (body: NewCustomerBody) => unwrap(api.POST('/api/hq/customers', { body })),
    onSuccess: (customer) => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
      queryClient.setQueryData(['hq', 'customer', customer.account], customer);
      notifySuccess('Customer created', `${customer.name} is customer ${customer.account}.`);
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
    <form onSubmit={onSubmit} noValidate aria-label="New customer">
      <Stack gap="md">
        <NativeSelect
          label="Customer type"
          description={type === 'Organization' ? 'A company, which can then be onboarded as a business partner' : 'Someone who buys for a business partner'}
          data={types.map((t) => ({ value: t, label: t }))}
          value={type}
          onChange={(event) => {
            setType(event.currentTarget.value as CustomerType);
            setErrors({});
          }}
        />
        <CustomerFields type={type} values={values} errors={errors} onChange={change} autoFocus />
        <Text size="xs" c="dimmed">
          Fields marked with * are required. The customer is created in HQ only; nobody is invited until it joins a business partner.
        </Text>
        <FormActions error={create.isError && !allFieldsMapped(create.error, customerFieldOf) ? create.error : null} onCancel={onCancel} submitLabel="Save customer" loading={create.isPending} />
      </Stack>
    </form>
  );
}
