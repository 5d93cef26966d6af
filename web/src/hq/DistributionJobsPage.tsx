// Distribution jobs: what moves between the storefront and HQ, how often, and how the last run went.
import { ActionIcon, Anchor, Badge, Button, Group, Paper, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBolt, IconPencil, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { DistributionJob } from '../api/client.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { ScheduleModal } from './ScheduleModal.tsx';
import { Trans, useTranslation } from 'react-i18next';

export const jobsKey = ['hq', 'jobs'] as const;

export function useJobs(refetchInterval?: number) {
  return useQuery({
    queryKey: jobsKey,
    queryFn: () => unwrap(api.GET('/api/hq/distribution/jobs')),
    ...(refetchInterval ? { refetchInterval } : {}),
  });
}

export function DistributionJobsPage() {
  const { t } = useTranslation('hq');
  const jobs = useJobs(3000);
  return (
    <>
      <PageHeader
        title={t('jobs.title')}
        description={t('jobs.description')}
        actions={
          <Button component={Link} to="/hq/distribution/history" variant="default">
            {t('jobHistory.title')}
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        {jobs.data && jobs.isError ? <ErrorAlert error={jobs.error} title={t('prospects.refreshError')} /> : null}
        {!jobs.data ? (
          jobs.isError ? (
            <ErrorAlert error={jobs.error} title={t('jobs.loadError')} />
          ) : (
            <TableSkeleton rows={4} />
          )
        ) : jobs.data.items.length === 0 ? (
          <Empty title={t('jobs.empty')} />
        ) : (
          <Table.ScrollContainer minWidth={880}>
            <Table verticalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('jobs.columns.code')}</Table.Th>
                  <Table.Th>{t('jobs.columns.name')}</Table.Th>
                  <Table.Th>{t('jobs.columns.direction')}</Table.Th>
                  <Table.Th>{t('jobs.columns.schedule')}</Table.Th>
                  <Table.Th>{t('jobs.columns.lastRun')}</Table.Th>
                  <Table.Th>
                    <Text span size="sm" fw={700}>
                      {t('staffUsers.columns.actions')}
                    </Text>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {jobs.data.items.map((job) => (
                  <JobRow key={job.code} job={job} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

function JobRow({ job }: { job: DistributionJob }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [editing, { open, close }] = useDisclosure(false);

  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/distribution/jobs/{code}/run', { params: { path: { code: job.code } } })),
    onSuccess: ({ runId }) => {
      void queryClient.invalidateQueries({ queryKey: jobsKey });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'runs'] });
      notifySuccess(
        t('jobs.runRequested', { name: job.name }),
        <>
          <Trans t={t} i18nKey="jobs.runQueued" values={{ runId }} components={{ b: <b /> }} />{' '}
          <Anchor component={Link} to={`/hq/distribution/history?job=${encodeURIComponent(job.code)}`} size="sm">
            {t('jobs.seeInHistory')}
          </Anchor>
        </>,
      );
    },
    onError: (error) => notifyError(error, t('jobs.startError', { name: job.name })),
  });

  const toggle = useMutation({
    mutationFn: (enabled: boolean) => unwrap(api.PATCH('/api/hq/distribution/jobs/{code}', { params: { path: { code: job.code } }, body: { enabled } })),
    onSuccess: (_, enabled) => {
      void queryClient.invalidateQueries({ queryKey: jobsKey });
      notifySuccess(enabled ? t('jobs.scheduleEnabled') : t('jobs.schedulePaused'), enabled ? t('jobs.scheduleEnabledText', { name: job.name }) : t('jobs.schedulePausedText', { name: job.name }));
    },
    onError: (error) => notifyError(error, t('jobs.scheduleError')),
  });

  const last = job.lastRun;
  return (
    <Table.Tr>
      <Table.Td maw={130}>
        <Text ff="monospace" fw={600} size="sm">
          {job.code}
        </Text>
      </Table.Td>
      <Table.Td miw={220} maw={320}>
        <Text size="sm" fw={600}>
          {job.name}
        </Text>
        <Text size="xs" c="dimmed">
          {job.description}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{job.direction}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={6}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {t('jobs.every', { seconds: formatNumber(job.schedule.everySeconds) })}
            </Text>
            <Tooltip label={t('jobs.changeInterval')}>
              <ActionIcon variant="subtle" size="sm" onClick={open} aria-label={t('jobs.changeSchedule', { code: job.code })}>
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Switch
            size="xs"
            label={t('jobs.enabled')}
            checked={toggle.isPending && toggle.variables !== undefined ? toggle.variables : job.schedule.enabled}
            disabled={toggle.isPending}
            onChange={(event) => toggle.mutate(event.currentTarget.checked)}
            aria-label={t('jobs.scheduleEnabledLabel', { code: job.code })}
          />
          {job.schedule.nearRealTime ? (
            <Tooltip label={t('jobs.nearRealTimeHint')} multiline w={240}>
              <Badge size="sm" variant="light" color="violet" leftSection={<IconBolt size={12} />} style={{ alignSelf: 'flex-start' }}>
                {t('jobs.nearRealTime')}
              </Badge>
            </Tooltip>
          ) : null}
          <Text size="xs" c="dimmed">
            {job.running ? t('jobs.runningNow') : job.schedule.enabled ? t('jobs.nextRun', { at: formatDateTime(job.nextRunAt, true) }) : t('jobs.schedulePaused')}
          </Text>
        </Stack>
        <ScheduleModal job={job} opened={editing} onClose={close} />
      </Table.Td>
      <Table.Td>
        {last ? (
          <Stack gap={4}>
            <Group gap={6}>
              <StatusBadge status={last.status} size="sm" />
              <Text size="xs" c="dimmed">
                {t(`jobs.triggers.${last.trigger}`)}
              </Text>
            </Group>
            <Text size="xs">
              {last.failed > 0 ? t('jobs.processedFailed', { processed: formatNumber(last.processed), failed: formatNumber(last.failed) }) : t('jobs.processed', { processed: formatNumber(last.processed) })}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(last.endedAt ?? last.startedAt ?? last.requestedAt, true)}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('jobs.neverRun')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} loading={run.isPending} onClick={() => run.mutate()} style={{ whiteSpace: 'nowrap' }}>
          {t('jobs.runNow')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
