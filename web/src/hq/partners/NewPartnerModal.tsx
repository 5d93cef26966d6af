// New business partner: onboard an existing organization customer with person customers as its Admins and Users.
import { ActionIcon, Alert, Button, Divider, Group, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorMessage, unwrap } from '../../api/client.ts';
import type { Customer, CustomerHierarchy, HierarchyRole } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import type { NewHierarchyBody } from '../partnerTypes.ts';
import { membershipOf } from './AddMemberModal.tsx';
import { CustomerSelect } from './CustomerSelect.tsx';
import { roleOptions } from './MemberModals.tsx';

export function NewPartnerModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (hierarchy: CustomerHierarchy) => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New business partner" size="lg" centered>
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

/** Labels stay short and unique: the first member is "Person", the next "Person 2", … */
const personLabel = (index: number) => (index === 0 ? 'Person' : `Person ${index + 1}`);
const roleLabel = (index: number) => (index === 0 ? 'Role' : `Role ${index + 1}`);

function ownerOf(customer: Customer): string | undefined {
  return customer.hierarchyId ? `already business partner ${customer.hierarchyId}` : undefined;
}

function NewPartnerForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (hierarchy: CustomerHierarchy) => void }) {
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
      const invited = hierarchy.members.length === 1 ? '1 member was' : `${hierarchy.members.length} members were`;
      notifySuccess('Business partner created', `${hierarchy.name} is customer hierarchy ${hierarchy.id}; ${invited} sent an invitation to the store.`);
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
    if (!organization) found.organization = 'Organization is required';
    if (name.length > 200) found.name = 'Name must be at most 200 characters';
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (!row.person) found.rows![row.key] = `${personLabel(index)} is required`;
      else if (seen.has(row.person.account)) found.rows![row.key] = `${row.person.name} is listed twice`;
      else seen.add(row.person.account);
    });
    if (!rows.some((row) => row.role === 'Admin')) found.members = 'At least one member must be an Admin: someone has to manage the partner’s users on the store.';
    const invalid = found.organization || found.name || found.members || Object.values(found.rows!).some(Boolean);
    setErrors(found);
    if (invalid) return;
    create.mutate({ organizationAccount: organization!.account, ...(name.trim() ? { name: name.trim() } : {}), members: rows.map((row) => ({ account: row.person!.account, role: row.role })) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Onboards an organization customer that is already in HQ. Each member gets an e-mail invitation to the store, valid for 7 days.
        </Text>
        <CustomerSelect
          type="Organization"
          label="Organization"
          description="An organization customer that is not a business partner yet"
          required
          value={organization}
          onChange={chooseOrganization}
          unavailable={ownerOf}
          error={errors.organization}
        />
        <TextInput
          label="Name"
          description="The business partner's name; the organization's name unless you change it"
          value={name}
          maxLength={200}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <Divider />
        <Title order={3} fz="md">
          Members
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
            <NativeSelect label={roleLabel(index)} data={roleOptions} value={row.role} onChange={(event) => updateRow(row.key, { role: event.currentTarget.value as HierarchyRole })} w={110} />
            {rows.length > 1 ? (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                aria-label={`Remove row ${index + 1}`}
                onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={16} />} onClick={addRow} style={{ alignSelf: 'flex-start' }}>
          Add another person
        </Button>
        {errors.members ? (
          <Text size="sm" c="red" role="alert">
            {errors.members}
          </Text>
        ) : null}
        {create.isError ? (
          <Alert color="red" variant="light" role="alert" title="The business partner was not created">
            {errorMessage(create.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create business partner
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
