// What HQ does to one member of a business partner: change the role, remove, send a new invitation.
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import i18next from 'i18next';
import { statusLabel } from '../../ui/StatusBadge.tsx';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage, unwrap } from '../../api/client.ts';
import type { CustomerHierarchy, HierarchyRole } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import type { HierarchyMember } from '../partnerTypes.ts';
import { usePartnerCache } from './usePartnerCache.ts';
import { FormActions } from '../../ui/FormActions.tsx';

/** The roles as a select offers them, named as the status badges name them (call it while rendering). */
export function roleOptions(): { value: HierarchyRole; label: string }[] {
  return (['Admin', 'User'] as const).map((role) => ({ value: role, label: statusLabel(role) }));
}

/** What a role may do on the store (call it while rendering). */
export function roleDescription(role: HierarchyRole): string {
  return i18next.t(`hq:partners.roles.${role}`);
}

interface MemberModalProps {
  hierarchy: CustomerHierarchy;
  member: HierarchyMember | undefined;
  onClose: () => void;
}

export function ChangeRoleModal({ hierarchy, member, onClose }: MemberModalProps) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={member !== undefined} onClose={onClose} title={member ? t('partners.member.roleOf', { name: member.name }) : t('partners.member.role')} centered>
      {member ? <ChangeRoleForm hierarchy={hierarchy} member={member} onDone={onClose} /> : null}
    </Modal>
  );
}

function ChangeRoleForm({ hierarchy, member, onDone }: { hierarchy: CustomerHierarchy; member: HierarchyMember; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const cache = usePartnerCache();
  // The change people come here for: Admin to User or User to Admin.
  const [role, setRole] = useState<HierarchyRole>(member.role === 'Admin' ? 'User' : 'Admin');
  const save = useMutation({
    mutationFn: (next: HierarchyRole) =>
      unwrap(api.PATCH('/api/hq/customer-hierarchies/{id}/members/{account}', { params: { path: { id: hierarchy.id, account: member.account } }, body: { role: next } })),
    onSuccess: (updated) => {
      cache.updated(updated);
      notifySuccess(t('partners.member.roleChanged'), t(`partners.member.nowRole.${role}`, { name: member.name, partner: hierarchy.name }));
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
          {t(`partners.member.isRole.${member.role}`, { name: member.name, email: member.email, partner: hierarchy.name })}
        </Text>
        <NativeSelect
          label={t('partners.member.role')}
          description={roleDescription(role)}
          data={roleOptions()}
          value={role}
          onChange={(event) => setRole(event.currentTarget.value as HierarchyRole)}
          data-autofocus
        />
        <FormActions error={save.isError ? save.error : null} onCancel={onDone} submitLabel={t('partners.member.save')} loading={save.isPending} />
      </Stack>
    </form>
  );
}

export function RemoveMemberModal({ hierarchy, member, onClose }: MemberModalProps) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={member !== undefined} onClose={onClose} title={member ? t('partners.member.removeTitle', { name: member.name }) : t('partners.member.removeTitleAny')} centered>
      {member ? <RemoveMemberConfirm hierarchy={hierarchy} member={member} onDone={onClose} /> : null}
    </Modal>
  );
}

function RemoveMemberConfirm({ hierarchy, member, onDone }: { hierarchy: CustomerHierarchy; member: HierarchyMember; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const cache = usePartnerCache();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/hq/customer-hierarchies/{id}/members/{account}', { params: { path: { id: hierarchy.id, account: member.account } } })),
    onSuccess: (updated) => {
      cache.updated(updated);
      notifySuccess(t('partners.member.removed'), t('partners.member.removedText', { name: member.name, partner: hierarchy.name }));
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) cache.stale(hierarchy.id);
    },
  });

  return (
    <Stack gap="md">
      <Text size="sm">{t('partners.member.removeText', { name: member.name, email: member.email, partner: hierarchy.name })}</Text>
      <Text size="sm" c="dimmed">
        {t('partners.member.staysInHq', { account: member.account })}
      </Text>
      {remove.isError ? (
        <Alert color="red" variant="light" role="alert" title={t('partners.member.notRemoved', { name: member.name })}>
          {errorMessage(remove.error)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone} data-autofocus>
          {t('common:ui.cancel')}
        </Button>
        <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
          {t('partners.member.remove')}
        </Button>
      </Group>
    </Stack>
  );
}

export function ResendInvitationButton({ hierarchy, member }: { hierarchy: CustomerHierarchy; member: HierarchyMember }) {
  const { t } = useTranslation('hq');
  const cache = usePartnerCache();
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/customer-hierarchies/{id}/members/{account}/invitation', { params: { path: { id: hierarchy.id, account: member.account } } })),
    onSuccess: () => notifySuccess(t('partners.member.invitationSent'), t('partners.member.invitationSentText', { name: member.name, email: member.email })),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 404) cache.stale(hierarchy.id);
      notifyError(error, t('partners.member.invitationNotSent', { name: member.name }));
    },
  });
  return (
    <Button size="xs" variant="default" loading={resend.isPending} onClick={() => resend.mutate()}>
      {t('partners.member.resend')}
    </Button>
  );
}
