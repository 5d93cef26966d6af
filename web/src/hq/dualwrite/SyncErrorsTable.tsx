// The records a map could not sync, with the reason in plain words; retry one, or all of them.
import { ActionIcon, Badge, Button, Code, Group, SegmentedControl, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconRotateClockwise } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
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
      notifySuccess('Errors retried', `${formatNumber(resolved)} of ${formatNumber(retried)} synced now${retried > resolved ? '; the rest still fail' : ''}.`);
    },
    onError: (error) => notifyError(error, 'The errors could not be retried'),
  });

  return (
    <Section
      title="Errors"
      actions={
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRotateClockwise size={14} />}
          loading={retryAll.isPending}
          disabled={map.failed + map.waiting === 0}
          onClick={() => retryAll.mutate()}
        >
          Retry all
        </Button>
      }
    >
      <Stack gap="md">
        <SegmentedControl
          aria-label="Error status"
          value={status}
          data={[...statuses]}
          onChange={(value) => setFilters({ errorStatus: value, errorOffset: '0' })}
          style={{ alignSelf: 'flex-start' }}
        />
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...('from' in range ? { errorFrom: range.from } : { errorTo: range.to }), errorOffset: '0' })} label="Failed" />
          <ExportCsvButton path="/api/dualwrite/errors" query={listQuery} />
        </Group>
        {errors.data && errors.isError ? <ErrorAlert error={errors.error} title="The list could not be refreshed" /> : null}
        {!errors.data ? (
          errors.isError ? (
            <ErrorAlert error={errors.error} title="The errors could not be loaded" />
          ) : (
            <TableSkeleton rows={3} />
          )
        ) : errors.data.items.length === 0 ? (
          <Empty
            icon={<IconAlertTriangle size={24} />}
            title={status === 'Pending' ? 'No errors' : 'No resolved errors'}
            description={status === 'Pending' ? 'Every change this map handled was synced.' : 'Errors that were retried successfully show here.'}
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={860}>
              <Table>
                <Table.Thead>
                  <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                    <Table.Th w={40}>
                      <VisuallyHidden>Payload</VisuallyHidden>
                    </Table.Th>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>Key</Table.Th>
                    <Table.Th>Direction</Table.Th>
                    <Table.Th ta="right">Attempts</Table.Th>
                    <Table.Th>Last tried</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
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
  const [open, setOpen] = useState(false);
  const refresh = useRefreshAfterRetry(error.mapId);
  const retry = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dualwrite/errors/{id}/retry', { params: { path: { id: error.id } } })),
    onSuccess: ({ status }) => {
      refresh();
      if (status === 'Resolved') notifySuccess('Synced', `${error.key} was synced on this try.`);
      else notifyError(new Error('It failed again; the reason is updated in the list.'), `${error.key} still fails`);
    },
    onError: (e) => notifyError(e, 'The record could not be retried'),
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
            aria-label={`${open ? 'Hide' : 'Show'} payload of ${error.key}`}
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
              <Tooltip label="A row this record refers to is not synced yet; it is retried when that row syncs." multiline w={260}>
                <Badge size="sm" variant="light" color="violet" radius="sm">
                  Waiting for parent
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
              Retry
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
                Payload of the change
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
