// New lead and Edit lead: one form, validated by the server, whose field errors show under each field.
import { Modal, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { Lead, LeadBody } from '../api/client.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import { codeOptions, leadSources } from './labels.ts';
import { useOwners } from './useOwners.ts';
import { FormActions } from '../ui/FormActions.tsx';

const fields = ['topic', 'firstName', 'lastName', 'jobTitle', 'email', 'phone', 'companyName', 'street', 'city', 'zip', 'countryRegionId', 'source', 'description'] as const;
type Field = (typeof fields)[number];
const fieldOf = (path: string): Field | undefined => {
  const name = path.replace(/^address\./, '').replace(/^state$/, 'city');
  return (fields as readonly string[]).includes(name) ? (name as Field) : undefined;
};

function initial(lead?: Lead): Record<Field | 'ownerId', string> {
  return {
    topic: lead?.topic ?? '',
    firstName: lead?.firstName ?? '',
    lastName: lead?.lastName ?? '',
    jobTitle: lead?.jobTitle ?? '',
    email: lead?.email ?? '',
    phone: lead?.phone ?? '',
    companyName: lead?.companyName ?? '',
    street: lead?.address.street ?? '',
    city: lead?.address.city ?? '',
    zip: lead?.address.zip ?? '',
    countryRegionId: lead?.address.countryRegionId ?? '',
    source: lead?.source ?? 'Phone',
    description: lead?.description ?? '',
    ownerId: lead ? (lead.ownerId ?? '') : 'me',
  };
}

export function LeadFormModal({ opened, onClose, lead, onSaved }: { opened: boolean; onClose: () => void; lead?: Lead; onSaved: (lead: Lead) => void }) {
  const [values, setValues] = useState(() => initial(lead));
  const queryClient = useQueryClient();
  const owners = useOwners();
  const { t } = useTranslation('sales');
  // The field's label, which also names the field in the server's error message under it.
  const labelOf = (field: Field) => t(`leadForm.fields.${field}`);
  const save = useMutation({
    mutationFn: (body: LeadBody) =>
      lead
        ? unwrap(api.PATCH('/api/sales/leads/{id}', { params: { path: { id: lead.id } }, body }))
        : unwrap(api.POST('/api/sales/leads', { body })),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['sales'] });
      onSaved(saved);
    },
  });
  const errors = fieldErrorsFrom(save.error, fieldOf, labelOf);
  const text = (v: string) => (v.trim() ? v.trim() : null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = { street: values.street.trim() || undefined, city: values.city.trim() || undefined, zip: values.zip.trim() || undefined, countryRegionId: values.countryRegionId.trim().toUpperCase() || undefined };
    save.mutate({
      topic: values.topic.trim(),
      firstName: text(values.firstName),
      lastName: values.lastName.trim(),
      jobTitle: text(values.jobTitle),
      email: text(values.email),
      phone: text(values.phone),
      companyName: text(values.companyName),
      address: Object.fromEntries(Object.entries(address).filter(([, v]) => v !== undefined)),
      source: values.source as LeadBody['source'],
      description: text(values.description),
      // "me" leaves the owner to the server: whoever creates the lead owns it.
      ...(values.ownerId === 'me' ? {} : { ownerId: values.ownerId || null }),
    } as LeadBody);
  }

  const input = (field: Field, extra: { required?: boolean; type?: string } = {}) => (
    <TextInput
      label={labelOf(field)}
      required={extra.required}
      type={extra.type}
      value={values[field]}
      error={errors[field]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [field]: value }));
      }}
    />
  );

  return (
    <Modal opened={opened} onClose={onClose} title={lead ? t('leadForm.editTitle') : t('leadForm.newTitle')} size="xl" centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {input('topic', { required: true })}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {input('firstName')}
            {input('lastName', { required: true })}
            {input('jobTitle')}
            {input('email', { type: 'email' })}
            {input('phone')}
            {input('companyName')}
            {input('street')}
            {input('city')}
            {input('zip')}
            {input('countryRegionId')}
          </SimpleGrid>
          <NativeSelect label={labelOf('source')} data={codeOptions(leadSources)} value={values.source} onChange={(e) => setValues((v) => ({ ...v, source: e.currentTarget.value }))} />
          <NativeSelect
            label={t('leadForm.owner')}
            data={[
              ...(lead ? [] : [{ value: 'me', label: t('leadForm.me') }]),
              { value: '', label: t('owner.unowned') },
              ...(owners.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
            ]}
            value={values.ownerId}
            onChange={(e) => {
              const ownerId = e.currentTarget.value;
              setValues((v) => ({ ...v, ownerId }));
            }}
          />
          <Textarea label={labelOf('description')} autosize minRows={2} value={values.description} error={errors.description} onChange={(e) => setValues((v) => ({ ...v, description: e.currentTarget.value }))} />
          <FormActions error={save.isError && !allFieldsMapped(save.error, fieldOf) ? save.error : null} onCancel={onClose} submitLabel={t('leadForm.submit')} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
