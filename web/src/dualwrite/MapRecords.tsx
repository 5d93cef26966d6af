// A map's failed records (retry one or all) and its ledger: every change handled and its fate, searchable by key.
import { Alert, Badge, Button, Code, Group, NativeSelect, Spoiler, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, unwrap } from '../api/client.ts';
import { formatDateTime } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { directionLabel } from './DualWriteMapsPage.tsx';

const limit = 20;

export function ErrorsSection({ mapId }: { mapId: string }) {
  const queryClient = useQueryClient();
  const errors = useQuery({
    queryKey: ['dualwrite', 'errors', mapId],
    queryFn: () => unwrap(api.GET('/api/dualwrite/errors', { params: { query: { map: mapId, limit: 50, offset: 0 } } })),
    refetchInterval: 3000,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['dualwrite'] });
  const retry = useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/dualwrite/errors/{id}/retry', { params: { path: { id } } })),
    onSuccess: (result) => (refresh(), notifySuccess(result.status === 'Resolved' ? 'Applied' : 'Still failing', result.status === 'Resolved' ? undefined : 'The reason below is up to date.')),
  });
  const retryAll = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/retry-errors', { params: { path: { id: mapId } } })),
    onSuccess: (result) => (refresh(), notifySuccess(`Retried ${result.retried}`, `${result.resolved} applied.`)),
  });
  const items = errors.data?.items ?? [];
  return (
    <Section
      title={`Errors${errors.data ? ` (${errors.data.total})` : ''}`}
      actions={
        items.length > 0 ? (
          <Button size="xs" variant="light" loading={retryAll.isPending} onClick={() => retryAll.mutate()}>
            Retry all
          </Button>
        ) : null
      }
    >
      {retry.isError || retryAll.isError ? <Alert color="red" variant="light" mb="sm">{errorMessage(retry.error ?? retryAll.error)}</Alert> : null}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No record is failing.
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((e) => (
            <Stack key={e.id} gap={4} p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap="xs">
                  <Text size="sm" ff="monospace">
                    {e.key}
                  </Text>
                  <Badge size="xs" variant="light" color="gray">
                    {directionLabel[e.direction]}
                  </Badge>
                  {e.waitingForParent ? (
                    <Badge size="xs" variant="light" color="yellow">
                      Waiting for parent
                    </Badge>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {e.attempts} attempt{e.attempts === 1 ? '' : 's'} · {formatDateTime(e.updatedAt)}
                  </Text>
                </Group>
                <Button size="xs" variant="default" loading={retry.isPending && retry.variables === e.id} onClick={() => retry.mutate(e.id)}>
                  Retry
                </Button>
              </Group>
              <Text size="sm">{e.reason}</Text>
              <Spoiler maxHeight={0} showLabel="Show payload" hideLabel="Hide payload">
                <Code block>{JSON.stringify(e.payload, null, 2)}</Code>
              </Spoiler>
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}

const statuses = ['', 'Created', 'Updated', 'Unchanged', 'Superseded', 'Skipped', 'Failed'];

export function LedgerSection({ mapId }: { mapId: string }) {
  const [key, setKey] = useState('');
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const records = useQuery({
    queryKey: ['dualwrite', 'records', mapId, { key, status, offset }],
    queryFn: () => unwrap(api.GET('/api/dualwrite/records', { params: { query: { map: mapId, limit, offset, ...(key ? { key } : {}), ...(status ? { status } : {}) } } })),
    refetchInterval: 3000,
    placeholderData: keepPreviousData,
  });
  return (
    <Section title="Ledger">
      <Stack gap="sm">
        <Group align="flex-end">
          <SearchInput value={key} onSearch={(v) => (setKey(v), setOffset(0))} placeholder="Record key (HQ or CRM)" />
          <NativeSelect label="Status" data={statuses.map((s) => ({ value: s, label: s || 'All' }))} value={status} onChange={(e) => (setStatus(e.currentTarget.value), setOffset(0))} />
        </Group>
        {records.isError ? <Alert color="red" variant="light">{errorMessage(records.error)}</Alert> : null}
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Direction</Table.Th>
                <Table.Th>Source key</Table.Th>
                <Table.Th>Target key</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Fields</Table.Th>
                <Table.Th>Detail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(records.data?.items ?? []).map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(r.at, true)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{directionLabel[r.direction]}</Text>
                  </Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {r.sourceKey}
                  </Table.Td>
                  <Table.Td ff="monospace" fz="xs">
                    {r.targetKey ?? '—'}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} size="sm" />
                  </Table.Td>
                  <Table.Td maw={220}>
                    <Text size="xs" c="dimmed">
                      {r.fields.join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={280}>
                    <Text size="xs">{r.detail ?? ''}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {records.data && records.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No records{key ? ` for "${key}"` : ''}.
          </Text>
        ) : null}
        {records.data ? <Pager total={records.data.total} limit={limit} offset={offset} onOffsetChange={setOffset} /> : null}
      </Stack>
    </Section>
  );
}
