// What HQ does to one member of a business partner: change the role, remove, send a new invitation.
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError, errorMessage, unwrap } from '../../api/client.ts';
import type { CustomerHierarchy, HierarchyRole } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import type { HierarchyMember } from '../partnerTypes.ts';
import { usePartnerCache } from './usePartnerCache.ts';
import { FormActions } from '../../ui/FormActions.tsx';

export const roleOptions: { value: HierarchyRole; label: string }[] = [
  { value: 'Admin', label: 'Admin' },
  { value: 'User', label: 'User' },
];

export const roleDescriptions: Record<HierarchyRole, string> = {
  Admin: "Buys, and manages the organization's users on the store",
  User: 'Buys on the store for the organization',
};

interface MemberModalProps {
  hierarchy: CustomerHierarchy;
  member: HierarchyMember | undefined;
  onClose: () => void;
}

export function ChangeRoleModal({ hierarchy, member, onClose }: MemberModalProps) {
  return (
    <Modal opened={member !== undefined} onClose={onClose} title={member ? `Role of ${member.name}` : 'Role'} centered>
      {member ? <ChangeRoleForm hierarchy={hierarchy} member={member} onDone={onClose} /> : null}
    </Modal>
  );
}

function ChangeRoleForm({ hierarchy, member, onDone }: { hierarchy: CustomerHierarchy; member: HierarchyMember; onDone: () => void }) {
  const cache = usePartnerCache();
  // The change people come here for: Admin to User or User to Admin.
  const [role, setRole] = useState<HierarchyRole>(member.role === 'Admin' ? 'User' : 'Admin');
  const save = useMutation({
    mutationFn: (next: HierarchyRole) =>
      unwrap(api.PATCH('/api/hq/customer-hierarchies/{id}/members/{account}', { params: { path: { id: hierarchy.id, account: member.account } }, body: { role: next } })),
    onSuccess: (updated) => {
      cache.updated(updated);
      notifySuccess('Role changed', `${member.name} is now ${role === 'Admin' ? 'an Admin' : 'a User'} of ${hierarchy.name}.`);
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) cache.stale(hierarchy.id);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (role === member.role) return onDone();
    save.mutate(role);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {member.name} ({member.email}) is {member.role === 'Admin' ? 'an Admin' : 'a User'} of {hierarchy.name}. The store applies a new role at once.
        </Text>
        <NativeSelect label="Role" description={roleDescriptions[role]} data={roleOptions} value={role} onChange={(event) => setRole(event.currentTarget.value as HierarchyRole)} data-autofocus />
        <FormActions error={save.isError ? save.error : null} onCancel={onDone} submitLabel="Save member" loading={save.isPending} />
      </Stack>
    </form>
  );
}

export function RemoveMemberModal({ hierarchy, member, onClose }: MemberModalProps) {
  return (
    <Modal opened={member !== undefined} onClose={onClose} title={member ? `Remove ${member.name}?` : 'Remove member?'} centered>
      {member ? <RemoveMemberConfirm hierarchy={hierarchy} member={member} onDone={onClose} /> : null}
    </Modal>
  );
}

function RemoveMemberConfirm({ hierarchy, member, onDone }: { hierarchy: CustomerHierarchy; member: HierarchyMember; onDone: () => void }) {
  const cache = usePartnerCache();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/hq/customer-hierarchies/{id}/members/{account}', { params: { path: { id: hierarchy.id, account: member.account } } })),
    onSuccess: (updated) => {
      cache.updated(updated);
      notifySuccess('Member removed', `${member.name} no longer buys for ${hierarchy.name}.`);
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) cache.stale(hierarchy.id);
    },
  });

  return (
    <Stack gap="md">
      <Text size="sm">
        {member.name} ({member.email}) is removed from {hierarchy.name}. They are signed out of the store at once and can no longer sign in for {hierarchy.name}.
      </Text>
      <Text size="sm" c="dimmed">
        The customer {member.account} stays in HQ and can be added again later.
      </Text>
      {remove.isError ? (
        <Alert color="red" variant="light" role="alert" title={`${member.name} was not removed`}>
          {errorMessage(remove.error)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} data-autofocus>
          Cancel
        </Button>
        <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
          Remove member
        </Button>
      </Group>
    </Stack>
  );
}

export function ResendInvitationButton({ hierarchy, member }: { hierarchy: CustomerHierarchy; member: HierarchyMember }) {
  const cache = usePartnerCache();
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/customer-hierarchies/{id}/members/{account}/invitation', { params: { path: { id: hierarchy.id, account: member.account } } })),
    onSuccess: () => notifySuccess('Invitation sent', `${member.name} gets a new invitation at ${member.email}, valid for 7 days. Earlier links no longer work.`),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 404) cache.stale(hierarchy.id);
      notifyError(error, `The invitation to ${member.name} was not sent`);
    },
  });
  return (
    <Button size="xs" variant="default" loading={resend.isPending} onClick={() => resend.mutate()}>
      Resend invitation
    </Button>
  );
}
