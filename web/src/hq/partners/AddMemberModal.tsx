// Add member: an existing person customer, or a new one made right here with the organization's address; either is invited.
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage, unwrap } from '../../api/client.ts';
import type { Customer, CustomerHierarchy, HierarchyRole } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../../ui/problems.ts';
import type { FieldErrors } from '../../ui/problems.ts';
import { CustomerFields } from './CustomerFields.tsx';
import { customerFieldOf, customerLabel, emptyCustomer, toCustomerBody, validateCustomer } from './customerForm.ts';
import type { CustomerField, CustomerValues } from './customerForm.ts';
import { CustomerSelect } from './CustomerSelect.tsx';
import { roleDescription, roleOptions } from './MemberModals.tsx';
import { usePartnerCache } from './usePartnerCache.ts';
import { FormActions } from '../../ui/FormActions.tsx';

export function AddMemberModal({ hierarchy, opened, onClose }: { hierarchy: CustomerHierarchy; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={opened} onClose={onClose} title={t('partners.addMember.title', { name: hierarchy.name })} size="lg" centered>
      {opened ? <AddMemberForm hierarchy={hierarchy} onDone={onClose} /> : null}
    </Modal>
  );
}

/** Why a person cannot join: they already belong to a business partner (a person belongs to one at most). Call it while rendering. */
export function membershipOf(customer: Customer): string | undefined {
  return customer.hierarchyId ? i18next.t('hq:partners.addMember.alreadyIn', { id: customer.hierarchyId }) : undefined;
}

function AddMemberForm({ hierarchy, onDone }: { hierarchy: CustomerHierarchy; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const cache = usePartnerCache();
  const organization = useQuery({
    queryKey: ['hq', 'customer', hierarchy.organization.account],
    queryFn: () => unwrap(api.GET('/api/hq/customers/{account}', { params: { path: { account: hierarchy.organization.account } } })),
  });
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [person, setPerson] = useState<Customer>();
  const [personError, setPersonError] = useState<string>();
  const [values, setValues] = useState<CustomerValues>();
  const [errors, setErrors] = useState<FieldErrors<CustomerField>>({});
  const [role, setRole] = useState<HierarchyRole>('User');
  // A new person created by an attempt whose membership then failed: a retry adds it instead of creating it twice.
  const [created, setCreated] = useState<Customer>();

  // The new person starts with the organization's address and language, once they are known.
  const form = values ?? (organization.data ? emptyCustomer(organization.data) : undefined);

  const save = useMutation({
    mutationFn: async (input: { account: string } | { values: CustomerValues }) => {
      let account: string;
      if ('account' in input) account = input.account;
      else {
        const customer = await unwrap(api.POST('/api/hq/customers', { body: toCustomerBody('Person', input.values) }));
        setCreated(customer);
        void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
        account = customer.account;
      }
      const updated = await unwrap(api.POST('/api/hq/customer-hierarchies/{id}/members', { params: { path: { id: hierarchy.id } }, body: { account, role } }));
      return { updated, account };
    },
    onSuccess: ({ updated, account }) => {
      cache.updated(updated);
      const name = updated.members.find((m) => m.account === account)?.name ?? account;
      notifySuccess(t('partners.addMember.added'), t(`partners.addMember.addedText.${role}`, { name, partner: hierarchy.name }));
      onDone();
    },
    onError: (error) => {
      if (mode === 'new') setErrors(fieldErrorsFrom(error, customerFieldOf, customerLabel));
      else setPersonError(error instanceof ApiError && error.fieldErrors.some((e) => e.path === 'account') ? errorMessage(error) : undefined);
      if (error instanceof ApiError && error.status === 404) cache.stale(hierarchy.id);
    },
  });

  function change(field: CustomerField, value: string) {
    setValues((current) => ({ ...(current ?? form ?? emptyCustomer()), [field]: value }));
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function switchTo(next: 'existing' | 'new') {
    save.reset();
    setErrors({});
    setPersonError(undefined);
    setMode(next);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mode === 'existing') {
      if (!person) return setPersonError(t('partners.validation.required', { label: t('partners.person') }));
      setPersonError(undefined);
      return save.mutate({ account: person.account });
    }
    if (created) return save.mutate({ account: created.account });
    if (!form) return;
    const found = validateCustomer('Person', form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({ values: form });
  }

  const fieldErrorShown = mode === 'new' ? allFieldsMapped(save.error, customerFieldOf) : personError !== undefined;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {mode === 'existing' ? (
          <>
            <CustomerSelect
              type="Person"
              label={t('partners.person')}
              description={t('partners.addMember.personHelp')}
              required
              value={person}
              onChange={(customer) => {
                setPerson(customer);
                setPersonError(undefined);
              }}
              unavailable={membershipOf}
              error={personError}
            />
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('partners.addMember.notACustomer')}
              </Text>
              <Button variant="subtle" size="compact-sm" leftSection={<IconUserPlus size={16} />} onClick={() => switchTo('new')}>
                {t('partners.addMember.newPerson')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Group justify="space-between" align="center">
              <Text size="sm">
                {created ? t('partners.addMember.created', { account: created.account }) : t('partners.addMember.newPersonText', { name: hierarchy.organization.name })}
              </Text>
              <Button variant="subtle" size="compact-sm" leftSection={<IconArrowBackUp size={16} />} onClick={() => switchTo('existing')} disabled={created !== undefined}>
                {t('partners.addMember.chooseExisting')}
              </Button>
            </Group>
            {form ? (
              <CustomerFields type="Person" values={form} errors={errors} onChange={change} autoFocus />
            ) : organization.isError ? (
              <Alert color="red" variant="light" role="alert" title={t('partners.addMember.addressNotLoaded')}>
                {errorMessage(organization.error)}
              </Alert>
            ) : (
              <Text size="sm" c="dimmed">
                {t('partners.addMember.loadingAddress')}
              </Text>
            )}
          </>
        )}
        <NativeSelect label={t('partners.member.role')} description={roleDescription(role)} data={roleOptions()} value={role} onChange={(event) => setRole(event.currentTarget.value as HierarchyRole)} />
        <Text size="xs" c="dimmed">
          {t('partners.addMember.invitationNote')}
        </Text>
        <FormActions error={save.isError && !fieldErrorShown ? save.error : null} onCancel={onDone} submitLabel={t('partners.member.save')} loading={save.isPending} disabled={mode === 'new' && !form} />
      </Stack>
    </form>
  );
}
