// The end of every modal form: the error no field could show, then Cancel and the submit button.
import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client.ts';

export function FormActions({ error, onCancel, submitLabel, loading, disabled = false }: { error: unknown; onCancel: () => void; submitLabel: string; loading: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {error ? (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(error)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('ui.cancel')}
        </Button>
        <Button type="submit" loading={loading} disabled={disabled}>
          {submitLabel}
        </Button>
      </Group>
    </>
  );
}
