// A list's date range (two labelled native date inputs) and its Export CSV link with the current filters.
import { Button, Group, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** `from` and `to` as ISO dates ('' for none); each input stops the other from making a backward range. */
export function DateRangeFilter({ from, to, onChange, label }: { from: string; to: string; onChange: (range: { from?: string; to?: string }) => void; label?: string }) {
  const { t } = useTranslation('common');
  const what = label ?? t('ui.created');
  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput type="date" label={t('ui.dateFrom', { label: what })} value={from} max={to || undefined} onChange={(event) => onChange({ from: event.currentTarget.value })} w={160} />
      <TextInput type="date" label={t('ui.dateTo', { label: what })} value={to} min={from || undefined} onChange={(event) => onChange({ to: event.currentTarget.value })} w={160} />
    </Group>
  );
}

/** A plain link to `<list path>/export.csv` with the filters, so the browser streams the download itself. */
export function ExportCsvButton({ path, query }: { path: string; query: Record<string, string | number | boolean | undefined> }) {
  const { t } = useTranslation('common');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return (
    <Button component="a" href={`${path}/export.csv${search ? `?${search}` : ''}`} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
      {t('ui.exportCsv')}
    </Button>
  );
}
