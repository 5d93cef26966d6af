// Adding or editing an organization user (one form), and removing one behind a confirmation.
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Query, QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { PartnerRole, PartnerUser, PartnerUserBody } from '../api/client.ts';
import { fullName, numberInputSeparators } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { organizationUsersKey, partnerMeKey } from './partnerSession.ts';
import { FormActions } from '../ui/FormActions.tsx';

type Field = 'firstName' | 'lastName' | 'email' | 'role' | 'spendingLimit' | 'monthlySpendingLimit';
const fields: Field[] = ['firstName', 'lastName', 'email', 'role', 'spendingLimit', 'monthlySpendingLimit'];
const labelsOf = (t: TFunction): Record<Field, string> => ({
  firstName: t('fields.firstName'),
  lastName: t('fields.lastName'),
  email: t('fields.email'),
  role: t('account.role'),
  spendingLimit: t('users.spendingLimit'),
  monthlySpendingLimit: t('users.monthlySpendingLimit'),
});
const fieldOf = (path: string): Field | undefined => ((fields as string[]).includes(path) ? (path as Field) : undefined);
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const rolesOf = (t: TFunction): { value: PartnerRole; label: string }[] => [
  { value: 'User', label: t('users.roleUser') },
  { value: 'Admin', label: t('users.roleAdmin') },
];

interface UserList {
  items: PartnerUser[];
  total: number;
}

/**
 * Shows the saved user in the lists at once (a new one at the end of the lists that show Pending users); the refetch
 * that follows brings the right order, and the server may take a moment to answer while HQ makes the customer.
 */
function showAtOnce(queryClient: QueryClient, saved: PartnerUser, added: boolean) {
  const showsPending = (query: Query) => {
    const filters = query.queryKey[2] as { status?: string; search?: string } | undefined;
    return !filters?.search && (filters?.status === undefined || filters.status === 'Pending');
  };
  queryClient.setQueriesData<UserList>({ queryKey: organizationUsersKey, predicate: (query) => !added || showsPending(query) }, (list) => {
    if (!list) return list;
    if (list.items.some((item) => item.id === saved.id)) return { ...list, items: list.items.map((item) => (item.id === saved.id ? saved : item)) };
    return added ? { ...list, items: [...list.items, saved], total: list.total + 1 } : list;
  });
}

/** `user` undefined: add a user; a user: edit that user. */
export function UserFormModal({ opened, user, onClose }: { opened: boolean; user?: PartnerUser | undefined; onClose: () => void }) {
  const { t } = useTranslation('storefront');
  return (
    <Modal opened={opened} onClose={onClose} title={user ? t('users.editTitle', { name: fullName(user) }) : t('users.addTitle')} centered size="lg">
      {opened ? <UserForm user={user} onDone={onClose} /> : null}
    </Modal>
  );
}

type Amount = number | string;
const amountOf = (value: number | null): Amount => (value === null ? '' : value);
const limitOf = (value: Amount): number | null => (typeof value === 'number' ? value : null);

function UserForm({ user, onDone }: { user: PartnerUser | undefined; onDone: () => void }) {
  const { t } = useTranslation('storefront');
  const labels = labelsOf(t);
  const queryClient = useQueryClient();
  const [firstName, setFirstName] = useState(user?.firstName ?? '');
  const [lastName, setLastName] = useState(user?.lastName ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<PartnerRole>(user?.role ?? 'User');
  const [perOrder, setPerOrder] = useState<Amount>(amountOf(user?.spendingLimit ?? null));
  const [perMonth, setPerMonth] = useState<Amount>(amountOf(user?.monthlySpendingLimit ?? null));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const save = useMutation({
    mutationFn: (body: PartnerUserBody) =>
      unwrap(user ? api.PATCH('/api/store/organization/users/{id}', { params: { path: { id: user.id } }, body }) : api.POST('/api/store/organization/users', { body })),
    onSuccess: (saved) => {
      showAtOnce(queryClient, saved, user === undefined);
      void queryClient.invalidateQueries({ queryKey: organizationUsersKey });
      // Your own role or limits may have changed.
      void queryClient.invalidateQueries({ queryKey: partnerMeKey });
      notifySuccess(user ? t('users.saved') : t('users.added'), user ? t('users.savedText', { name: fullName(saved) }) : t('users.addedText', { name: fullName(saved) }));
      onDone();
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, fieldOf, (field) => labels[field])),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: FieldErrors<Field> = {};
    if (!firstName.trim()) found.firstName = t('problems.required', { label: labels.firstName });
    if (!lastName.trim()) found.lastName = t('problems.required', { label: labels.lastName });
    if (!email.trim()) found.email = t('problems.required', { label: labels.email });
    else if (!emailPattern.test(email.trim())) found.email = t('problems.email', { label: labels.email });
    const order = limitOf(perOrder);
    const month = limitOf(perMonth);
    if (order !== null && month !== null && order > month) found.spendingLimit = t('users.limitOverMonthly');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({ firstName: firstName.trim(), lastName: lastName.trim(), email: email.trim(), role, spendingLimit: order, monthlySpendingLimit: month });
  }

  const money = { min: 0, max: 1e12, decimalScale: 2, allowNegative: false, ...numberInputSeparators(), placeholder: t('account.noLimit') } as const;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={user ? t('users.editUser') : t('users.addTitle')}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label={labels.firstName} required autoComplete="off" value={firstName} error={errors.firstName} maxLength={100} onChange={(e) => setFirstName(e.currentTarget.value)} data-autofocus />
          <TextInput label={labels.lastName} required autoComplete="off" value={lastName} error={errors.lastName} maxLength={100} onChange={(e) => setLastName(e.currentTarget.value)} />
        </SimpleGrid>
        <TextInput
          label={labels.email}
          description={user ? undefined : t('users.emailHint')}
          type="email"
          required
          autoComplete="off"
          value={email}
          error={errors.email}
          maxLength={254}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <NativeSelect label={labels.role} required data={rolesOf(t)} value={role} error={errors.role} onChange={(e) => setRole(e.currentTarget.value === 'Admin' ? 'Admin' : 'User')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NumberInput label={labels.spendingLimit} description={t('users.perOrderHint')} value={perOrder} onChange={setPerOrder} error={errors.spendingLimit} {...money} />
          <NumberInput
            label={labels.monthlySpendingLimit}
            description={t('users.perMonthHint')}
            value={perMonth}
            onChange={setPerMonth}
            error={errors.monthlySpendingLimit}
            {...money}
          />
        </SimpleGrid>
        <FormActions error={save.isError && !allFieldsMapped(save.error, fieldOf) ? save.error : null} onCancel={onDone} submitLabel={t('users.save')} loading={save.isPending} />
      </Stack>
    </form>
  );
}

export function RemoveUserModal({ user, onClose }: { user: PartnerUser | undefined; onClose: () => void }) {
  const { t } = useTranslation('storefront');
  return (
    <Modal opened={user !== undefined} onClose={onClose} title={t('users.remove')} centered>
      {user ? <RemoveUser user={user} onDone={onClose} /> : null}
    </Modal>
  );
}

function RemoveUser({ user, onDone }: { user: PartnerUser; onDone: () => void }) {
  const { t } = useTranslation('storefront');
  const queryClient = useQueryClient();
  const name = fullName(user);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/store/organization/users/{id}', { params: { path: { id: user.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: organizationUsersKey });
      notifySuccess(t('users.removed'), t('users.removedText', { name }));
      onDone();
    },
    onError: (error) => {
      // Already removed (e.g. by another admin): the list is out of date.
      if (error instanceof ApiError && error.status === 404) void queryClient.invalidateQueries({ queryKey: organizationUsersKey });
    },
  });

  return (
    <Stack gap="md">
      <Text>{t('users.removeQuestion', { name })}</Text>
      <Text size="sm" c="dimmed">
        {t('users.removeText', { email: user.email })}
      </Text>
      {remove.isError ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('users.cancel')}
        </Button>
        <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
          {t('users.remove')}
        </Button>
      </Group>
    </Stack>
  );
}
