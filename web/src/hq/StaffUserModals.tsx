// Creating a staff user, and changing a staff user's roles.
import { Modal, MultiSelect, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { StaffRole, StaffUser } from '../api/client.ts';
import { notifySuccess } from '../ui/notify.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { SecretInput } from '../ui/SecretInput.tsx';
import { roleOptions, toRoles } from './staffRoles.ts';
import { FormActions } from '../ui/FormActions.tsx';
import { useTranslation } from 'react-i18next';

export const staffUsersKey = ['hq', 'staff-users'] as const;

type NewField = 'email' | 'name' | 'password' | 'roles';
const newFieldOf = (path: string): NewField | undefined => {
  const head = path.split('.')[0];
  return head === 'email' || head === 'name' || head === 'password' || head === 'roles' ? head : undefined;
};
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function NewStaffUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={opened} onClose={onClose} title={t('staffUsers.new')} centered>
      {opened ? <NewStaffUserForm onDone={onClose} /> : null}
    </Modal>
  );
}

function NewStaffUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('hq');
  const newLabels: Record<NewField, string> = { email: t('staffUsers.columns.email'), name: t('staffUsers.columns.name'), password: t('staffUsers.password'), roles: t('staffUsers.columns.roles') };
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['hq-operations']);
  const [errors, setErrors] = useState<FieldErrors<NewField>>({});

  const create = useMutation({
    mutationFn: (body: { email: string; name: string; password: string; roles: StaffRole[] }) => unwrap(api.POST('/api/hq/staff-users', { body })),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: staffUsersKey });
      notifySuccess(t('staffUsers.created'), t('staffUsers.createdText', { name: user.name, email: user.email }));
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, newFieldOf, (field) => newLabels[field])),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors<NewField> = {};
    if (!email.trim()) found.email = t('staffUsers.emailRequired');
    else if (!emailPattern.test(email.trim())) found.email = t('staffUsers.emailInvalid');
    if (!name.trim()) found.name = t('staffUsers.nameRequired');
    if (password.length < 10) found.password = t('staffUsers.passwordTooShort');
    if (roles.length === 0) found.roles = t('staffUsers.rolesRequired');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({ email: email.trim(), name: name.trim(), password, roles: toRoles(roles) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <TextInput label={newLabels.email} type="email" required autoComplete="off" value={email} error={errors.email} maxLength={254} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus />
        <TextInput label={newLabels.name} required value={name} error={errors.name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} />
        <SecretInput
          label={newLabels.password}
          description={t('staffUsers.passwordHint')}
          required
          autoComplete="new-password"
          value={password}
          error={errors.password}
          maxLength={200}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <MultiSelect label={newLabels.roles} required data={roleOptions()} value={roles} onChange={setRoles} error={errors.roles} comboboxProps={{ withinPortal: true }} />
        <FormActions error={create.isError && !allFieldsMapped(create.error, newFieldOf) ? create.error : null} onCancel={onDone} submitLabel={t('staffUsers.create')} loading={create.isPending} />
      </Stack>
    </form>
  );
}

export function EditRolesModal({ user, onClose }: { user: StaffUser | undefined; onClose: () => void }) {
  const { t } = useTranslation('hq');
  return (
    <Modal opened={user !== undefined} onClose={onClose} title={user ? t('staffUsers.rolesOf', { name: user.name }) : t('staffUsers.columns.roles')} centered>
      {user ? <EditRolesForm user={user} onDone={onClose} /> : null}
    </Modal>
  );
}

function EditRolesForm({ user, onDone }: { user: StaffUser; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [rolesError, setRolesError] = useState<string>();
  const save = useMutation({
    mutationFn: (next: StaffRole[]) => unwrap(api.PATCH('/api/hq/staff-users/{id}', { params: { path: { id: user.id } }, body: { roles: next } })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: staffUsersKey });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'me'] });
      notifySuccess(t('staffUsers.rolesSaved'), t('staffUsers.rolesSavedText', { name: updated.name }));
      onDone();
    },
    onError: (error) => {
      const mapped = fieldErrorsFrom(error, (path) => (path.startsWith('roles') ? 'roles' : undefined), () => t('staffUsers.columns.roles'));
      setRolesError(mapped.roles);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (roles.length === 0) return setRolesError(t('staffUsers.rolesRequired'));
    setRolesError(undefined);
    save.mutate(toRoles(roles));
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <MultiSelect label={t('staffUsers.columns.roles')} required data={roleOptions()} value={roles} onChange={setRoles} error={rolesError} data-autofocus />
        <FormActions error={save.isError && !rolesError ? save.error : null} onCancel={onDone} submitLabel={t('staffUsers.saveRoles')} loading={save.isPending} />
      </Stack>
    </form>
  );
}
