// The initial syncs of a map: per run and direction, how far it got, how fast, how long is left, and what failed.
import { Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../ui/Empty.tsx';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { Section } from '../../ui/Section.tsx';
import type { InitialSyncRun, MapDetail } from './api.ts';
import { directionLabels, formatDuration, RecordStatusBadge } from './labels.tsx';

export function InitialSyncProgress({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  return (
    <Section title={t('dualWrite.initialSync.title')}>
      {map.initialSync.length === 0 ? (
        <Empty icon={<IconRefresh size={24} />} title={t('dualWrite.initialSync.empty')} description={t('dualWrite.initialSync.emptyText')} />
      ) : (
        <Stack gap="sm">
          {map.initialSync.map((run) => (
            <RunProgress key={run.id} run={run} />
          ))}
        </Stack>
      )}
    </Section>
  );
}

function RunProgress({ run }: { run: InitialSyncRun }) {
  const { t } = useTranslation('hq');
  const percent = run.total > 0 ? Math.min(100, (run.done / run.total) * 100) : run.status === 'Completed' ? 100 : 0;
  const running = run.status === 'Running';
  const label = t('dualWrite.initialSync.runLabel', { id: run.id, direction: directionLabels[run.direction] });
  return (
    <Paper withBorder radius="sm" p="sm" aria-label={label} component="section">
      <Stack gap={8}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {directionLabels[run.direction]}
            </Text>
            <RecordStatusBadge status={run.status} />
          </Group>
          <Text size="xs" c="dimmed">
            {t('dualWrite.initialSync.started', { at: formatDateTime(run.startedAt, true) })}
            {run.finishedAt ? ` · ${t('dualWrite.initialSync.finished', { at: formatDateTime(run.finishedAt, true) })}` : ''}
          </Text>
        </Group>
        <Progress
          value={percent}
          color={run.status === 'Failed' ? 'red' : run.status === 'Completed' ? 'teal' : 'blue'}
          size="lg"
          radius="sm"
          striped={running}
          animated={running}
          aria-label={t('dualWrite.initialSync.progressLabel', { label, done: formatNumber(run.done), total: formatNumber(run.total) })}
        />
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <Figure label={t('dualWrite.initialSync.rows')} value={`${formatNumber(run.done)} / ${formatNumber(run.total)}`} />
          <Figure label={t('dualWrite.initialSync.rate')} value={t('dualWrite.initialSync.perSecond', { n: formatNumber(run.ratePerSecond) })} />
          <Figure label={t('dualWrite.initialSync.timeLeft')} value={running ? formatDuration(run.secondsLeft) : '—'} />
          <Figure label={t('dualWrite.errors.title')} value={formatNumber(run.errors)} alert={run.errors > 0} />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function Figure({ label, value, alert }: { label: string; value: string; alert?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={alert ? 'red' : undefined}>
        {value}
      </Text>
    </Stack>
  );
}
