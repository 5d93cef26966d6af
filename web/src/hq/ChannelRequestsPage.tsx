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
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';

const limit = 25;
const statuses: readonly ChannelRequestStatus[] = ['Uploaded', 'Processed', 'Failed'];
type Kind = NonNullable<NonNullable<paths['/api/hq/channel-requests']['get']['parameters']['query']>['kind']>;
const kinds: { value: Kind; label: string }[] = [
  { value: 'partner-request', label: 'Partner requests' },
  { value: 'organization-user', label: 'Organization users' },
  { value: 'sales-order', label: 'Orders' },
];
const kindLabels: Record<string, string> = { 'partner-request': 'Partner request', 'organization-user': 'Organization user', 'sales-order': 'Order' };

export function ChannelRequestsPage() {
  const [filters, setFilters] = useQueryParams({ status: 'All', kind: 'All', offset: '0', from: '', to: '' });
  const status = statuses.find((s) => s === filters.status);
  const kind = kinds.find((k) => k.value === filters.kind)?.value;
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
        title="Channel requests"
        description="Records uploaded by the online store (job P-0001): partner requests, organization user changes and orders, and their fate: processed, or failed with the reason."
      />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group align="flex-end" gap="lg" wrap="wrap">
            <SegmentedFilter label="Status" value={status ?? 'All'} options={statuses} onChange={(value) => setFilters({ status: value, offset: '0' })} />
            <Select
              label="Record kind"
              w={220}
              allowDeselect={false}
              value={kind ?? 'All'}
              data={[{ value: 'All', label: 'All kinds' }, ...kinds]}
              onChange={(value) => setFilters({ kind: value ?? 'All', offset: '0' })}
            />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label="Uploaded" />
            <ExportCsvButton path="/api/hq/channel-requests" query={listQuery} />
          </Group>
          {requests.data && requests.isError ? <ErrorAlert error={requests.error} title="The list could not be refreshed" /> : null}
          {!requests.data ? (
            requests.isError ? (
              <ErrorAlert error={requests.error} title="The channel requests could not be loaded" />
            ) : (
              <TableSkeleton />
            )
          ) : requests.data.items.length === 0 ? (
            <Empty
              icon={<IconInbox size={24} />}
              title={status ? `No ${status.toLowerCase()} channel requests` : 'No channel requests yet'}
              description="Partner requests from the online store are uploaded here within seconds."
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>Request</Table.Th>
                      <Table.Th>Record</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Uploaded</Table.Th>
                      <Table.Th>Processed</Table.Th>
                      <Table.Th>Outcome</Table.Th>
                      <Table.Th>
                        <Text span size="sm" fw={700}>
                          Actions
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
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/channel-requests/{id}/retry', { params: { path: { id: request.id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'channel-requests'] });
      notifySuccess('Retry queued', `Channel request ${request.id} will be processed again.`);
    },
    onError: (error) => notifyError(error, 'The request could not be retried'),
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
          {request.channelId} · {kindLabels[request.kind] ?? request.kind}
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
            <Text size="sm">Prospect</Text>
            <AppLink to={`/hq/prospects/${encodeURIComponent(request.prospectId)}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
              {request.prospectId}
            </AppLink>
          </Group>
        ) : request.status === 'Processed' ? (
          <Text size="sm">{request.kind === 'sales-order' ? 'Sales order created' : 'Applied in HQ'}</Text>
        ) : (
          <Text size="sm" c="dimmed">
            Waiting to be processed
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {request.status === 'Failed' ? (
          <Button size="xs" variant="light" leftSection={<IconRotateClockwise size={14} />} loading={retry.isPending} onClick={() => retry.mutate()}>
            Retry
          </Button>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
