// Channel requests: each record the online store uploaded, and what became of it in HQ.
import { Button, Group, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconInbox, IconRotateClockwise } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import type { ChannelRequest, ChannelRequestStatus } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SegmentedFilter } from '../ui/SegmentedFilter.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { useTranslation } from 'react-i18next';

const limit = 25;
const statuses: readonly ChannelRequestStatus[] = ['Uploaded', 'Processed', 'Failed'];
type Kind = NonNullable<NonNullable<paths['/api/hq/channel-requests']['get']['parameters']['query']>['kind']>;
const kinds: readonly Kind[] = ['partner-request', 'organization-user', 'sales-order'];
/** A kind's words in hq's channelRequests.kinds / channelRequests.kind. */
const kindKeys: Record<Kind, string> = { 'partner-request': 'partnerRequest', 'organization-user': 'organizationUser', 'sales-order': 'salesOrder' };

export function ChannelRequestsPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ status: 'All', kind: 'All', offset: '0', from: '', to: '' });
  const status = statuses.find((s) => s === filters.status);
  const kind = kinds.find((k) => k === filters.kind);
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const requests = useQuery({
    queryKey: ['hq', 'channel-requests', { status, kind, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/channel-requests', { params: { query: { ...listQuery, limit, offset } } })),
    refetchInterval: 3000,
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title={t('channelRequests.title')}
        description={t('channelRequests.description')}
      />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group align="flex-end" gap="lg" wrap="wrap">
            <SegmentedFilter label={t('channelRequests.columns.status')} value={status ?? 'All'} options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))} onChange={(value) => setFilters({ status: value, offset: '0' })} />
            <Select
              label={t('channelRequests.recordKind')}
              w={220}
              allowDeselect={false}
              value={kind ?? 'All'}
              data={[{ value: 'All', label: t('channelRequests.allKinds') }, ...kinds.map((k) => ({ value: k, label: t(`channelRequests.kinds.${kindKeys[k]}`) }))]}
              onChange={(value) => setFilters({ kind: value ?? 'All', offset: '0' })}
            />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label={t('channelRequests.columns.uploaded')} />
            <ExportCsvButton path="/api/hq/channel-requests" query={listQuery} />
          </Group>
          {requests.data && requests.isError ? <ErrorAlert error={requests.error} title={t('prospects.refreshError')} /> : null}
          {!requests.data ? (
            requests.isError ? (
              <ErrorAlert error={requests.error} title={t('channelRequests.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : requests.data.items.length === 0 ? (
            <Empty
              icon={<IconInbox size={24} />}
              title={status ? t(`channelRequests.emptyStatus.${status}`) : t('channelRequests.empty')}
              description={t('channelRequests.emptyText')}
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>{t('channelRequests.columns.request')}</Table.Th>
                      <Table.Th>{t('channelRequests.columns.record')}</Table.Th>
                      <Table.Th>{t('channelRequests.columns.status')}</Table.Th>
                      <Table.Th>{t('channelRequests.columns.uploaded')}</Table.Th>
                      <Table.Th>{t('channelRequests.columns.processed')}</Table.Th>
                      <Table.Th>{t('channelRequests.columns.outcome')}</Table.Th>
                      <Table.Th>
                        <Text span size="sm" fw={700}>
                          {t('staffUsers.columns.actions')}
                        </Text>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {requests.data.items.map((request) => (
                      <RequestRow key={request.id} request={request} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={requests.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}

function RequestRow({ request }: { request: ChannelRequest }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/channel-requests/{id}/retry', { params: { path: { id: request.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'channel-requests'] });
      notifySuccess(t('channelRequests.retryQueued'), t('channelRequests.retryQueuedText', { id: request.id }));
    },
    onError: (error) => notifyError(error, t('channelRequests.retryError')),
  });

  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Tooltip label={request.id}>
          <Text size="xs" ff="monospace">
            {request.id.slice(0, 8)}…
          </Text>
        </Tooltip>
        <Text size="xs" c="dimmed">
          {request.channelId} · {request.kind in kindKeys ? t(`channelRequests.kind.${kindKeys[request.kind as Kind]}`) : request.kind}
        </Text>
      </Table.Td>
      <Table.Td miw={180}>
        {request.kind === 'partner-request' ? (
          <>
            <Text size="sm" fw={600}>
              {request.companyName}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {request.email}
            </Text>
          </>
        ) : (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {request.summary}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <StatusBadge status={request.status} size="sm" />
      </Table.Td>
      <Table.Td miw={110}>{formatDateTime(request.uploadedAt, true)}</Table.Td>
      <Table.Td miw={110}>{formatDateTime(request.processedAt, true)}</Table.Td>
      <Table.Td maw={320}>
        {request.error ? (
          <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
            {request.error}
          </Text>
        ) : request.prospectId ? (
          <Group gap={4} wrap="nowrap">
            <Text size="sm">{t('channelRequests.prospect')}</Text>
            <AppLink to={`/hq/prospects/${encodeURIComponent(request.prospectId)}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
              {request.prospectId}
            </AppLink>
          </Group>
        ) : request.status === 'Processed' ? (
          <Text size="sm">{request.kind === 'sales-order' ? t('channelRequests.salesOrderCreated') : t('channelRequests.appliedInHq')}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('channelRequests.waiting')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {request.status === 'Failed' ? (
          <Button size="xs" variant="light" leftSection={<IconRotateClockwise size={14} />} loading={retry.isPending} onClick={() => retry.mutate()}>
            {t('channelRequests.retry')}
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
