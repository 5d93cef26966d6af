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

export const staffUsersKey = ['hq', 'staff-users'] as const;

type NewField = 'email' | 'name' | 'password' | 'roles';
const newLabels: Record<NewField, string> = { email: 'E-mail', name: 'Name', password: 'Password', roles: 'Roles' };
const newFieldOf = (path: string): NewField | undefined => {
  const head = path.split('.')[0];
  return head === 'email' || head === 'name' || head === 'password' || head === 'roles' ? head : undefined;
};
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function NewStaffUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New staff user" centered>
      {opened ? <NewStaffUserForm onDone={onClose} /> : null}
    </Modal>
  );
}

function NewStaffUserForm({ onDone }: { onDone: () => void }) {
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
      notifySuccess('Staff user created', `${user.name} can now sign in with ${user.email}.`);
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, newFieldOf, (field) => newLabels[field])),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors<NewField> = {};
    if (!email.trim()) found.email = 'E-mail is required';
    else if (!emailPattern.test(email.trim())) found.email = 'E-mail must be a valid e-mail address';
    if (!name.trim()) found.name = 'Name is required';
    if (password.length < 10) found.password = 'Password must be at least 10 characters';
    if (roles.length === 0) found.roles = 'Roles must have at least one role';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({ email: email.trim(), name: name.trim(), password, roles: toRoles(roles) });
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <TextInput label="E-mail" type="email" required autoComplete="off" value={email} error={errors.email} maxLength={254} onChange={(e) => setEmail(e.currentTarget.value)} data-autofocus />
        <TextInput label="Name" required value={name} error={errors.name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} />
        <SecretInput
          label="Password"
          description="At least 10 characters"
          required
          autoComplete="new-password"
          value={password}
          error={errors.password}
          maxLength={200}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <MultiSelect label="Roles" required data={roleOptions} value={roles} onChange={setRoles} error={errors.roles} comboboxProps={{ withinPortal: true }} />
        <FormActions error={create.isError && !allFieldsMapped(create.error, newFieldOf) ? create.error : null} onCancel={onDone} submitLabel="Create staff user" loading={create.isPending} />
      </Stack>
    </form>
  );
}

export function EditRolesModal({ user, onClose }: { user: StaffUser | undefined; onClose: () => void }) {
  return (
    <Modal opened={user !== undefined} onClose={onClose} title={user ? `Roles of ${user.name}` : 'Roles'} centered>
      {user ? <EditRolesForm user={user} onDone={onClose} /> : null}
    </Modal>
  );
}

function EditRolesForm({ user, onDone }: { user: StaffUser; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [rolesError, setRolesError] = useState<string>();
  const save = useMutation({
    mutationFn: (next: StaffRole[]) => unwrap(api.PATCH('/api/hq/staff-users/{id}', { params: { path: { id: user.id } }, body: { roles: next } })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: staffUsersKey });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'me'] });
      notifySuccess('Roles saved', `${updated.name}'s roles were changed.`);
      onDone();
    },
    onError: (error) => {
      const mapped = fieldErrorsFrom(error, (path) => (path.startsWith('roles') ? 'roles' : undefined), () => 'Roles');
      setRolesError(mapped.roles);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (roles.length === 0) return setRolesError('Roles must have at least one role');
    setRolesError(undefined);
    save.mutate(toRoles(roles));
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <MultiSelect label="Roles" required data={roleOptions} value={roles} onChange={setRoles} error={rolesError} data-autofocus />
        <FormActions error={save.isError && !rolesError ? save.error : null} onCancel={onDone} submitLabel="Save roles" loading={save.isPending} />
      </Stack>
    </form>
  );
}
