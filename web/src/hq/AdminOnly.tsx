// Keeps administrator pages from people who cannot use them, with a plain explanation.
import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsAdministrator } from './useMe.ts';

export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation('hq');
  const admin = useIsAdministrator();
  if (admin) return children;
  return (
    <Alert color="gray" variant="light" icon={<IconLock size={18} />} title={t('adminOnly.title')}>
      {t('adminOnly.text')}
    </Alert>
  );
}
