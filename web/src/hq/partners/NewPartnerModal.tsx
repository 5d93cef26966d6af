// New business partner: onboard an existing organization customer with person customers as its Admins and Users.
import { ActionIcon, Alert, Button, Divider, Group, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, unwrap } from '../../api/client.ts';
import type { Customer, CustomerHierarchy, HierarchyRole } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import type { NewHierarchyBody } from '../partnerTypes.ts';
import { membershipOf } from './AddMemberModal.tsx';
import { CustomerSelect } from './CustomerSelect.tsx';
import { roleOptions } from './MemberModals.tsx';

export function NewPartnerModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (hierarchy: CustomerHierarchy) => void }) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={opened} onClose={onClose} title={t('partners.newPartner.title')} size="lg" centered>
      {opened ? <NewPartnerForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

interface MemberRow {
  key: number;
  person: Customer | undefined;
  role: HierarchyRole;
}

interface Errors {
  organization?: string | undefined;
  name?: string | undefined;
  members?: string | undefined;
  rows?: Record<number, string>;
}

/** Labels stay short and unique: the first member is "Person", the next "Person 2", … (call these while rendering). */
const personLabel = (index: number) => (index === 0 ? i18next.t('hq:partners.person') : i18next.t('hq:partners.newPartner.personN', { n: index + 1 }));
const roleLabel = (index: number) => (index === 0 ? i18next.t('hq:partners.member.role') : i18next.t('hq:partners.newPartner.roleN', { n: index + 1 }));

function ownerOf(customer: Customer): string | undefined {
  return customer.hierarchyId ? i18next.t('hq:partners.newPartner.alreadyPartner', { id: customer.hierarchyId }) : undefined;
}

function NewPartnerForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (hierarchy: CustomerHierarchy) => void }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [organization, setOrganization] = useState<Customer>();
  const [name, setName] = useState('');
  const [rows, setRows] = useState<MemberRow[]>([{ key: 0, person: undefined, role: 'Admin' }]);
  const [nextKey, setNextKey] = useState(1);
  const [errors, setErrors] = useState<Errors>({});

  const create = useMutation({
    mutationFn: (body: NewHierarchyBody) => unwrap(api.POST('/api/hq/customer-hierarchies', { body })),
    onSuccess: (hierarchy) => {
      queryClient.setQueryData(['hq', 'hierarchy', hierarchy.id], hierarchy);
      void queryClient.invalidateQueries({ queryKey: ['hq', 'hierarchies'] });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customer'] });
      notifySuccess(t('partners.newPartner.created'), t('partners.newPartner.createdText', { name: hierarchy.name, id: hierarchy.id, count: hierarchy.members.length }));
      onCreated(hierarchy);
    },
  });

  function chooseOrganization(next: Customer | undefined) {
    // The name follows the organization until someone types their own.
    if (!name.trim() || name === organization?.name) setName(next?.name ?? '');
    setOrganization(next);
    setErrors((e) => ({ ...e, organization: undefined }));
  }

  function updateRow(key: number, patch: Partial<MemberRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setErrors((e) => ({ ...e, members: undefined, rows: { ...e.rows, [key]: '' } }));
  }

  function addRow() {
    setRows((current) => [...current, { key: nextKey, person: undefined, role: 'User' }]);
    setNextKey((k) => k + 1);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = { rows: {} };
    if (!organization) found.organization = t('partners.validation.required', { label: t('partners.newPartner.organization') });
    if (name.length > 200) found.name = t('partners.validation.tooLong', { label: t('partners.fields.name'), max: 200 });
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (!row.person) found.rows![row.key] = t('partners.validation.required', { label: personLabel(index) });
      else if (seen.has(row.person.account)) found.rows![row.key] = t('partners.newPartner.listedTwice', { name: row.person.name });
      else seen.add(row.person.account);
    });
    if (!rows.some((row) => row.role === 'Admin')) found.members = t('partners.newPartner.needsAdmin');
    const invalid = found.organization || found.name || found.members || Object.values(found.rows!).some(Boolean);
    setErrors(found);
    if (invalid) return;
    create.mutate({ organizationAccount: organization!.account, ...(name.trim() ? { name: name.trim() } : {}), members: rows.map((row) => ({ account: row.person!.account, role: row.role })) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('partners.newPartner.intro')}
        </Text>
        <CustomerSelect
          type="Organization"
          label={t('partners.newPartner.organization')}
          description={t('partners.newPartner.organizationHelp')}
          required
          value={organization}
          onChange={chooseOrganization}
          unavailable={ownerOf}
          error={errors.organization}
        />
        <TextInput
          label={t('partners.fields.name')}
          description={t('partners.newPartner.nameHelp')}
          value={name}
          maxLength={200}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Divider />
        <Title order={3} fz="md">
          {t('partners.newPartner.members')}
        </Title>
        {rows.map((row, index) => (
          <Group key={row.key} align="flex-start" gap="sm" wrap="nowrap">
            <div style={{ flex: 1, minWidth: 0 }}>
              <CustomerSelect
                type="Person"
                label={personLabel(index)}
                required
                value={row.person}
                onChange={(person) => updateRow(row.key, { person })}
                unavailable={membershipOf}
                error={errors.rows?.[row.key] || undefined}
              />
            </div>
            <NativeSelect label={roleLabel(index)} data={roleOptions()} value={row.role} onChange={(event) => updateRow(row.key, { role: event.currentTarget.value as HierarchyRole })} w={110} />
            {rows.length > 1 ? (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={t('partners.newPartner.removeRow', { n: index + 1 })}
                onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={16} />} onClick={addRow} style={{ alignSelf: 'flex-start' }}>
          {t('partners.newPartner.addPerson')}
        </Button>
        {errors.members ? (
          <Text size="sm" c="red" role="alert">
            {errors.members}
          </Text>
        ) : null}
        {create.isError ? (
          <Alert color="red" variant="light" role="alert" title={t('partners.newPartner.notCreated')}>
            {errorMessage(create.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:ui.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('partners.newPartner.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
