// The message of a failed load or action, in a red alert.
import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/client.ts';

interface ErrorAlertProps {
  error: unknown;
  title?: string;
}

export function ErrorAlert({ error, title }: ErrorAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" title={title ?? t('ui.somethingWentWrong')} icon={<IconAlertCircle size={18} />} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
