// What happened to a map and who did it: runs, pauses, stops, changes, alerts.
import { Text, Timeline } from '@mantine/core';
import { IconActivity } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../ui/Empty.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Section } from '../../ui/Section.tsx';
import type { MapDetail } from './api.ts';

export function ActivityList({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  return (
    <Section title={t('dualWrite.activity.title')}>
      {map.activity.length === 0 ? (
        <Empty icon={<IconActivity size={24} />} title={t('dualWrite.activity.empty')} />
      ) : (
        <Timeline bulletSize={12} lineWidth={2} aria-label={t('dualWrite.activity.title')}>
          {map.activity.map((entry, index) => (
            <Timeline.Item key={`${entry.at}-${index}`} title={entry.event}>
              {entry.detail ? (
                <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {entry.detail}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at, true)}
                {entry.actor ? ` · ${entry.actor}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
}
