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
import { useTranslation } from 'react-i18next';

type Field = 'name' | 'url' | 'defaultLanguage';
const fieldOf = (path: string): Field | undefined => (path === 'name' || path === 'url' || path === 'defaultLanguage' ? path : undefined);
const languagePattern = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

export function OnlineStorePage() {
  const { t } = useTranslation('hq');
  const stores = useQuery({ queryKey: ['hq', 'online-stores'], queryFn: () => unwrap(api.GET('/api/hq/online-stores')) });
  return (
    <>
      <PageHeader title={t('onlineStore.title')} description={t('onlineStore.description')} />
      {!stores.data ? (
        stores.isError ? (
          <ErrorAlert error={stores.error} title={t('onlineStore.loadError')} />
        ) : (
          <DetailSkeleton />
        )
      ) : stores.data.items.length === 0 ? (
        <Paper withBorder radius="md">
          <Empty icon={<IconBuildingStore size={24} />} title={t('onlineStore.empty')} description={t('onlineStore.emptyText')} />
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
  const { t } = useTranslation('hq');
  const admin = useIsAdministrator();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="lg" mb="md">
          {store.name}
        </Title>
        <Details
          items={[
            [t('onlineStore.storeId'), <Text size="sm" ff="monospace">{store.id}</Text>],
            [t('onlineStore.fields.url'), store.url],
            [t('onlineStore.customerType'), store.customerType],
            [t('onlineStore.fields.defaultLanguage'), store.defaultLanguage],
            [t('prospectDetail.lastChanged'), formatDateTime(store.updatedAt)],
          ]}
        />
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="lg" mb="md">
          {t('onlineStore.edit')}
        </Title>
        {admin ? (
          <StoreForm store={store} />
        ) : (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
            {t('onlineStore.adminOnly')}
          </Alert>
        )}
      </Paper>
    </SimpleGrid>
  );
}

function StoreForm({ store }: { store: OnlineStore }) {
  const { t } = useTranslation('hq');
  const labels: Record<Field, string> = { name: t('onlineStore.fields.name'), url: t('onlineStore.fields.url'), defaultLanguage: t('onlineStore.fields.defaultLanguage') };
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ name: store.name, url: store.url, defaultLanguage: store.defaultLanguage });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const save = useMutation({
    mutationFn: (body: Record<Field, string>) => unwrap(api.PATCH('/api/hq/online-stores/{id}', { params: { path: { id: store.id } }, body })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'online-stores'] });
      setValues({ name: updated.name, url: updated.url, defaultLanguage: updated.defaultLanguage });
      notifySuccess(t('onlineStore.saved'), t('onlineStore.savedText'));
    },
    onError: (error) => setErrors(fieldErrorsFrom(error, fieldOf, (field) => labels[field])),
  });

  function validate(): FieldErrors<Field> {
    const found: FieldErrors<Field> = {};
    if (!values.name.trim()) found.name = t('onlineStore.nameRequired');
    else if (values.name.length > 100) found.name = t('onlineStore.nameTooLong');
    try {
      new URL(values.url);
    } catch {
      found.url = t('onlineStore.urlInvalid');
    }
    if (!languagePattern.test(values.defaultLanguage)) found.defaultLanguage = t('onlineStore.languageInvalid');
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
        <TextInput {...input('defaultLanguage')} description={t('onlineStore.languageHint')} w={200} />
        {save.isError && !allFieldsMapped(save.error, fieldOf) ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(save.error)}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!changed}>
            {t('onlineStore.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
