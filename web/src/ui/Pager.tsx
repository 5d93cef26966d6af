// "Showing 26–50 of 112" and the page buttons under a list.
import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from './format.ts';

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onOffsetChange: (offset: number) => void;
}

export function Pager({ total, limit, offset, onOffsetChange }: PagerProps) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  const first = offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <Group justify="space-between" mt="md" wrap="wrap">
      <Text size="sm" c="dimmed">
        {t('ui.showing', { first: formatNumber(first), last: formatNumber(last), total: formatNumber(total) })}
      </Text>
      {pages > 1 ? <Pagination size="sm" total={pages} value={page} onChange={(p) => onOffsetChange((p - 1) * limit)} /> : null}
    </Group>
  );
}
