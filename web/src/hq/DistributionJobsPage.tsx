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

export const jobsKey = ['hq', 'jobs'] as const;

export function useJobs(refetchInterval?: number) {
  return useQuery({
    queryKey: jobsKey,
    queryFn: () => unwrap(api.GET('/api/hq/distribution/jobs')),
    ...(refetchInterval ? { refetchInterval } : {}),
  });
}

export function DistributionJobsPage() {
  const jobs = useJobs(3000);
  return (
    <>
      <PageHeader
        title="Distribution jobs"
        description="Jobs move records between the online store and HQ. Near-real-time jobs run as soon as they have work; their schedule is a fallback."
        actions={
          <Button component={Link} to="/hq/distribution/history" variant="default">
            Job history
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        {jobs.data && jobs.isError ? <ErrorAlert error={jobs.error} title="The list could not be refreshed" /> : null}
        {!jobs.data ? (
          jobs.isError ? (
            <ErrorAlert error={jobs.error} title="The jobs could not be loaded" />
          ) : (
            <TableSkeleton rows={4} />
          )
        ) : jobs.data.items.length === 0 ? (
          <Empty title="No distribution jobs" />
        ) : (
          <Table.ScrollContainer minWidth={880}>
            <Table verticalSpacing="md">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Code</Table.Th>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Direction</Table.Th>
                  <Table.Th>Schedule</Table.Th>
                  <Table.Th>Last run</Table.Th>
                  <Table.Th>
                    <Text span size="sm" fw={700}>
                      Actions
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
  const queryClient = useQueryClient();
  const [editing, { open, close }] = useDisclosure(false);

  const run = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/distribution/jobs/{code}/run', { params: { path: { code: job.code } } })),
    onSuccess: ({ runId }) => {
      void queryClient.invalidateQueries({ queryKey: jobsKey });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'runs'] });
      notifySuccess(
        `${job.name}: run requested`,
        <>
          Run <b>{runId}</b> is queued.{' '}
          <Anchor component={Link} to={`/hq/distribution/history?job=${encodeURIComponent(job.code)}`} size="sm">
            See it in Job history
          </Anchor>
        </>,
      );
    },
    onError: (error) => notifyError(error, `${job.name} could not be started`),
  });

  const toggle = useMutation({
    mutationFn: (enabled: boolean) => unwrap(api.PATCH('/api/hq/distribution/jobs/{code}', { params: { path: { code: job.code } }, body: { enabled } })),
    onSuccess: (_, enabled) => {
      void queryClient.invalidateQueries({ queryKey: jobsKey });
      notifySuccess(enabled ? 'Schedule enabled' : 'Schedule paused', `${job.name} ${enabled ? 'runs on its schedule again' : 'no longer runs on its schedule'}.`);
    },
    onError: (error) => notifyError(error, 'The schedule could not be changed'),
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
              Every {formatNumber(job.schedule.everySeconds)} s
            </Text>
            <Tooltip label="Change the interval">
              <ActionIcon variant="subtle" size="sm" onClick={open} aria-label={`Change the schedule of job ${job.code}`}>
                <IconPencil size={14} />
              </ActionIcon>
            </Tooltip>
          </Group>
          <Switch
            size="xs"
            label="Enabled"
            checked={toggle.isPending && toggle.variables !== undefined ? toggle.variables : job.schedule.enabled}
            disabled={toggle.isPending}
            onChange={(event) => toggle.mutate(event.currentTarget.checked)}
            aria-label={`Schedule of job ${job.code} enabled`}
          />
          {job.schedule.nearRealTime ? (
            <Tooltip label="Runs as soon as it has work; the schedule only catches what was missed." multiline w={240}>
              <Badge size="sm" variant="light" color="violet" leftSection={<IconBolt size={12} />} style={{ alignSelf: 'flex-start' }}>
                Near real time
              </Badge>
            </Tooltip>
          ) : null}
          <Text size="xs" c="dimmed">
            {job.running ? 'Running now' : job.schedule.enabled ? `Next run ${formatDateTime(job.nextRunAt, true)}` : 'Schedule paused'}
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
                {last.trigger}
              </Text>
            </Group>
            <Text size="xs">
              {formatNumber(last.processed)} processed{last.failed > 0 ? `, ${formatNumber(last.failed)} failed` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(last.endedAt ?? last.startedAt ?? last.requestedAt, true)}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Never run
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} loading={run.isPending} onClick={() => run.mutate()} style={{ whiteSpace: 'nowrap' }}>
          Run now
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}
