// Job history: every distribution run, what it processed and why records failed.
import { ActionIcon, Alert, Code, Group, NativeSelect, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { JobRun } from '../api/client.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { Pager } from '../ui/Pager.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { useJobs } from './DistributionJobsPage.tsx';
import { useTranslation } from 'react-i18next';

const limit = 25;
const columns = 8;

export function JobHistoryPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ job: '', offset: '0', from: '', to: '' });
  const job = filters.job;
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(job ? { job } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const jobs = useJobs();
  const runs = useQuery({
    queryKey: ['hq', 'runs', { job, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/distribution/runs', { params: { query: { ...listQuery, limit, offset } } })),
    refetchInterval: 3000,
    placeholderData: keepPreviousData,
  });
  const jobName = (code: string) => jobs.data?.items.find((j) => j.code === code)?.name;
  const jobOptions = [{ value: '', label: t('jobHistory.allJobs') }, ...(jobs.data?.items ?? []).map((j) => ({ value: j.code, label: `${j.code} · ${j.name}` }))];

  return (
    <>
      <PageHeader title={t('jobHistory.title')} description={t('jobHistory.description')} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <NativeSelect label={t('jobHistory.columns.job')} data={jobOptions} value={job} onChange={(event) => setFilters({ job: event.currentTarget.value, offset: '0' })} w={{ base: '100%', sm: 360 }} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label={t('jobHistory.requested')} />
            <ExportCsvButton path="/api/hq/distribution/runs" query={listQuery} />
          </Group>
          {runs.data && runs.isError ? <ErrorAlert error={runs.error} title={t('prospects.refreshError')} /> : null}
          {!runs.data ? (
            runs.isError ? (
              <ErrorAlert error={runs.error} title={t('jobHistory.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : runs.data.items.length === 0 ? (
            <Empty icon={<IconHistory size={24} />} title={t('jobHistory.empty')} description={job ? t('jobHistory.emptyJob') : t('jobHistory.emptyText')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th w={40}>
                        <VisuallyHidden>{t('jobHistory.details')}</VisuallyHidden>
                      </Table.Th>
                      <Table.Th>{t('jobHistory.columns.job')}</Table.Th>
                      <Table.Th>{t('jobHistory.columns.trigger')}</Table.Th>
                      <Table.Th>{t('jobHistory.columns.status')}</Table.Th>
                      <Table.Th>{t('jobHistory.columns.started')}</Table.Th>
                      <Table.Th>{t('jobHistory.columns.ended')}</Table.Th>
                      <Table.Th ta="right">{t('jobHistory.columns.processed')}</Table.Th>
                      <Table.Th ta="right">{t('jobHistory.columns.failed')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {runs.data.items.map((run) => (
                      <RunRow key={run.id} run={run} jobName={jobName(run.jobCode)} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={runs.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}

function RunRow({ run, jobName }: { run: JobRun; jobName: string | undefined }) {
  const { t } = useTranslation('hq');
  const [open, setOpen] = useState(false);
  const detailsId = `run-${run.id}-details`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={open ? t('jobHistory.hideDetails', { id: run.id }) : t('jobHistory.showDetails', { id: run.id })}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td miw={180}>
          <Text size="sm" fw={600} ff="monospace" span style={{ whiteSpace: 'nowrap' }}>
            {run.jobCode}
          </Text>
          {jobName ? (
            <Text size="xs" c="dimmed">
              {jobName}
            </Text>
          ) : null}
        </Table.Td>
        <Table.Td>{t(`jobs.triggers.${run.trigger}`)}</Table.Td>
        <Table.Td>
          <StatusBadge status={run.status} size="sm" />
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.startedAt, true)}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(run.endedAt, true)}</Table.Td>
        <Table.Td ta="right">{formatNumber(run.processed)}</Table.Td>
        <Table.Td ta="right">
          <Text size="sm" c={run.failed > 0 ? 'red' : undefined} fw={run.failed > 0 ? 700 : undefined} span>
            {formatNumber(run.failed)}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={columns} bg="gray.0">
            <RunDetails run={run} />
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}

function RunDetails({ run }: { run: JobRun }) {
  const { t } = useTranslation('hq');
  return (
    <Stack gap="sm" p="xs">
      <Group gap="lg">
        <Text size="xs" c="dimmed">
          {t('jobHistory.run')} <Code>{run.id}</Code>
        </Text>
        <Text size="xs" c="dimmed">
          {t('jobHistory.requestedAt', { at: formatDateTime(run.requestedAt, true) })}
        </Text>
      </Group>
      {run.message ? (
        <Alert color={run.status === 'Failed' ? 'red' : 'blue'} variant="light" p="xs">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {run.message}
          </Text>
        </Alert>
      ) : null}
      {run.errors.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('jobHistory.noFailures')}
        </Text>
      ) : (
        <Table withTableBorder bg="white">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('jobHistory.record')}</Table.Th>
              <Table.Th>{t('prospectDetail.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {run.errors.map((error, index) => (
              <Table.Tr key={`${error.record}-${index}`}>
                <Table.Td>
                  <Text size="xs" ff="monospace">
                    {error.record}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{error.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
