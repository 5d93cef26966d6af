// The online store the storefront serves: its name, address and language; administrators can change them.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBuildingStore, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { OnlineStore } from '../api/client.ts';
import { Details } from '../ui/Details.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { useIsAdministrator } from './useMe.ts';

type Field = 'name' | 'url' | 'defaultLanguage';
const labels: Record<Field, string> = { name: 'Name', url: 'URL', defaultLanguage: 'Default language' };
const fieldOf = (path: string): Field | undefined => (path === 'name' || path === 'url' || path === 'defaultLanguage' ? path : undefined);
const languagePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

export function OnlineStorePage() {
  const stores = useQuery({ queryKey: ['hq', 'online-stores'], queryFn: () => unwrap(api.GET('/api/hq/online-stores')) });
  return (
    <>
      <PageHeader title="Online store" description="The channel the storefront serves. Changes reach the storefront through distribution job 1070." />
      {!stores.data ? (
        stores.isError ? (
          <ErrorAlert error={stores.error} title="The online store could not be loaded" />
        ) : (
          <DetailSkeleton />
        )
      ) : stores.data.items.length === 0 ? (
        <Paper withBorder radius="md">
          <Empty icon={<IconBuildingStore size={24} />} title="No online store" description="No online store is set up yet." />
        </Paper>
      ) : (
        <Stack gap="lg">
          {stores.data.items.map((store) => (
            <StoreCard key={store.id} store={store} />
          ))}
        </Stack>
      )}
    </>
  );
}

function StoreCard({ store }: { store: OnlineStore }) {
  const admin = useIsAdministrator();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="lg" mb="md">
          {store.name}
        </Title>
        <Details
          items={[
            ['Store ID', <Text size="sm" ff="monospace">{store.id}</Text>],
            ['URL', store.url],
            ['Customer type', store.customerType],
            ['Default language', store.defaultLanguage],
            ['Last changed', formatDateTime(store.updatedAt)],
          ]}
        />
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="lg" mb="md">
          Edit
        </Title>
        {admin ? (
          <StoreForm store={store} />
        ) : (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
            Only administrators can change the online store.
          </Alert>
        )}
      </Paper>
    </SimpleGrid>
  );
}

function StoreForm({ store }: { store: OnlineStore }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ name: store.name, url: store.url, defaultLanguage: store.defaultLanguage });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const save = useMutation({
    mutationFn: (body: Record<Field, string>) => unwrap(api.PATCH('/api/hq/online-stores/{id}', { params: { path: { id: store.id } }, body })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'online-stores'] });
      setValues({ name: updated.name, url: updated.url, defaultLanguage: updated.defaultLanguage });
      notifySuccess('Online store saved', 'The storefront picks up the change with its next download (job 1070).');
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, fieldOf, (field) => labels[field])),
  });

  function validate(): FieldErrors<Field> {
    const found: FieldErrors<Field> = {};
    if (!values.name.trim()) found.name = 'Name is required';
    else if (values.name.length > 100) found.name = 'Name must be at most 100 characters';
    try {
      new URL(values.url);
    } catch {
      found.url = 'URL must be a valid uri';
    }
    if (!languagePattern.test(values.defaultLanguage)) found.defaultLanguage = 'Default language must be a language code such as en or en-US';
    return found;
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({ name: values.name.trim(), url: values.url.trim(), defaultLanguage: values.defaultLanguage.trim() });
  }

  const input = (field: Field) => ({
    label: labels[field],
    value: values[field],
    error: errors[field],
    required: true,
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
    },
  });
  const changed = values.name !== store.name || values.url !== store.url || values.defaultLanguage !== store.defaultLanguage;

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <TextInput {...input('name')} maxLength={100} />
        <TextInput {...input('url')} type="url" maxLength={300} />
        <TextInput {...input('defaultLanguage')} description="A language code, e.g. en-US" w={200} />
        {save.isError && !allFieldsMapped(save.error, fieldOf) ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
