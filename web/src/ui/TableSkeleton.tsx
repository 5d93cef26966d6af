// Placeholder rows while a table loads.
import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function TableSkeleton({ rows = 6 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" aria-busy="true" aria-label={t('ui.loading')}>
      <Skeleton height={34} radius="sm" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={28} radius="sm" opacity={1 - i * 0.1} />
      ))}
    </Stack>
  );
}

export function DetailSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" aria-busy="true" aria-label={t('ui.loading')}>
      <Skeleton height={36} width="40%" radius="sm" />
      <Skeleton height={16} width="25%" radius="sm" />
      <Skeleton height={160} radius="md" />
      <Skeleton height={120} radius="md" />
    </Stack>
  );
}
