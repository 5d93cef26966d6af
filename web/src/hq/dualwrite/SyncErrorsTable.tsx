// The records a map could not sync, with the reason in plain words; retry one, or all of them.
import { ActionIcon, Badge, Button, Code, Group, SegmentedControl, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconRotateClockwise } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { Empty } from '../../ui/Empty.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatNumber } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import { Pager } from '../../ui/Pager.tsx';
import { Section } from '../../ui/Section.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../../ui/useQueryParams.ts';
import { DateRangeFilter, ExportCsvButton } from '../../ui/ListExport.tsx';
import { errorsKey, mapKey, mapsKey, recordsKey, refreshMs } from './api.ts';
import type { MapDetail, SyncError } from './api.ts';
import { statusLabel } from '../../ui/StatusBadge.tsx';
import { directionLabels, RecordStatusBadge, RelativeTime } from './labels.tsx';

const limit = 25;
const columns = 7;
const statuses = ['Pending', 'Resolved'] as const;

function useRefreshAfterRetry(mapId: string) {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of [errorsKey(mapId), mapKey(mapId), mapsKey, recordsKey(mapId)]) void queryClient.invalidateQueries({ queryKey });
  };
}

export function SyncErrorsTable({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ errorStatus: 'Pending', errorOffset: '0', errorFrom: '', errorTo: '' });
  const status = statuses.find((s) => s === filters.errorStatus) ?? 'Pending';
  const offset = toOffset(filters.errorOffset);
  // The ledger on the same page has its own range, so this one's address keys are prefixed.
  const { errorFrom: from, errorTo: to } = filters;
  const listQuery = { map: map.id, status, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const errors = useQuery({
    queryKey: [...errorsKey(map.id), { status, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/dualwrite/errors', { params: { query: { ...listQuery, limit, offset } } })),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const refresh = useRefreshAfterRetry(map.id);
  const retryAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/retry-errors', { params: { path: { id: map.id } } })),
    onSuccess: ({ retried, resolved }) => {
      refresh();
      const counts = { resolved: formatNumber(resolved), retried: formatNumber(retried) };
      notifySuccess(t('dualWrite.errors.retried'), retried > resolved ? t('dualWrite.errors.retriedSomeFail', counts) : t('dualWrite.errors.retriedAll', counts));
    },
    onError: (error) => notifyError(error, t('dualWrite.errors.retryAllFailed')),
  });

  return (
    <Section
      title={t('dualWrite.errors.title')}
      actions={
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRotateClockwise size={14} />}
          loading={retryAll.isPending}
          disabled={map.failed + map.waiting === 0}
          onClick={() => retryAll.mutate()}
        >
          {t('dualWrite.errors.retryAll')}
        </Button>
      }
    >
      <Stack gap="md">
        <SegmentedControl
          aria-label={t('dualWrite.errors.status')}
          value={status}
          data={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
          onChange={(value) => setFilters({ errorStatus: value, errorOffset: '0' })}
          style={{ alignSelf: 'flex-start' }}
        />
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...('from' in range ? { errorFrom: range.from } : { errorTo: range.to }), errorOffset: '0' })} label={t('dualWrite.failed')} />
          <ExportCsvButton path="/api/dualwrite/errors" query={listQuery} />
        </Group>
        {errors.data && errors.isError ? <ErrorAlert error={errors.error} title={t('dualWrite.listNotRefreshed')} /> : null}
        {!errors.data ? (
          errors.isError ? (
            <ErrorAlert error={errors.error} title={t('dualWrite.errors.notLoaded')} />
          ) : (
            <TableSkeleton rows={3} />
          )
        ) : errors.data.items.length === 0 ? (
          <Empty
            icon={<IconAlertTriangle size={24} />}
            title={status === 'Pending' ? t('dualWrite.errors.empty') : t('dualWrite.errors.emptyResolved')}
            description={status === 'Pending' ? t('dualWrite.errors.emptyText') : t('dualWrite.errors.emptyResolvedText')}
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={860}>
              <Table>
                <Table.Thead>
                  <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                    <Table.Th w={40}>
                      <VisuallyHidden>{t('dualWrite.errors.payload')}</VisuallyHidden>
                    </Table.Th>
                    <Table.Th>{t('dualWrite.errors.reason')}</Table.Th>
                    <Table.Th>{t('dualWrite.key')}</Table.Th>
                    <Table.Th>{t('dualWrite.fieldMaps.direction')}</Table.Th>
                    <Table.Th ta="right">{t('dualWrite.errors.attempts')}</Table.Th>
                    <Table.Th>{t('dualWrite.errors.lastTried')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('dualWrite.errors.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {errors.data.items.map((error) => (
                    <ErrorRow key={error.id} error={error} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager total={errors.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ errorOffset: String(o) })} />
          </>
        )}
      </Stack>
    </Section>
  );
}

function ErrorRow({ error }: { error: SyncError }) {
  const { t } = useTranslation('hq');
  const [open, setOpen] = useState(false);
  const refresh = useRefreshAfterRetry(error.mapId);
  const retry = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dualwrite/errors/{id}/retry', { params: { path: { id: error.id } } })),
    onSuccess: ({ status }) => {
      refresh();
      if (status === 'Resolved') notifySuccess(t('dualWrite.errors.synced'), t('dualWrite.errors.syncedText', { key: error.key }));
      else notifyError(new Error(t('dualWrite.errors.failedAgain')), t('dualWrite.errors.stillFails', { key: error.key }));
    },
    onError: (e) => notifyError(e, t('dualWrite.errors.retryFailed')),
  });
  const payloadId = `sync-error-${error.id}-payload`;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            size="sm"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={open ? payloadId : undefined}
            aria-label={open ? t('dualWrite.errors.hidePayload', { key: error.key }) : t('dualWrite.errors.showPayload', { key: error.key })}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td miw={260} maw={460}>
          <Stack gap={4} align="flex-start">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {error.reason}
            </Text>
            {error.waitingForParent ? (
              <Tooltip label={t('dualWrite.errors.waitingForParentHelp')} multiline w={260}>
                <Badge size="sm" variant="light" color="violet" radius="sm">
                  {t('dualWrite.errors.waitingForParent')}
                </Badge>
              </Tooltip>
            ) : null}
          </Stack>
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {error.key}
          </Text>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{directionLabels[error.direction]}</Table.Td>
        <Table.Td ta="right">{formatNumber(error.attempts)}</Table.Td>
        <Table.Td>
          <RelativeTime value={error.updatedAt} />
        </Table.Td>
        <Table.Td>
          {error.status === 'Pending' ? (
            <Button size="xs" variant="light" leftSection={<IconRotateClockwise size={14} />} loading={retry.isPending} onClick={() => retry.mutate()}>
              {t('dualWrite.errors.retry')}
            </Button>
          ) : (
            <RecordStatusBadge status={error.status} />
          )}
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr id={payloadId}>
          <Table.Td colSpan={columns} bg="gray.0">
            <Group gap="xs" mb={6}>
              <Text size="xs" c="dimmed">
                {t('dualWrite.errors.payloadOfChange')}
              </Text>
            </Group>
            <Code block style={{ maxHeight: 320, overflow: 'auto' }}>
              {JSON.stringify(error.payload, null, 2)}
            </Code>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}
