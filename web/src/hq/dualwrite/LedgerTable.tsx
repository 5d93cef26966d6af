// The per-record ledger of a map: every change the engine handled, which row it reached and how it went.
import { Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Empty } from '../../ui/Empty.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Pager } from '../../ui/Pager.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { Section } from '../../ui/Section.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../../ui/useQueryParams.ts';
import { DateRangeFilter, ExportCsvButton } from '../../ui/ListExport.tsx';
import { ledgerStatuses, recordsKey, refreshMs } from './api.ts';
import type { LedgerRecord, MapDetail } from './api.ts';
import { directionLabels, RecordStatusBadge } from './labels.tsx';

const limit = 25;

export function LedgerTable({ map }: { map: MapDetail }) {
  const [filters, setFilters] = useQueryParams({ key: '', status: '', offset: '0', from: '', to: '' });
  const key = filters.key.trim();
  const status = ledgerStatuses.find((s) => s === filters.status);
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the ledger and its CSV export share.
  const listQuery = { map: map.id, ...(key ? { key } : {}), ...(status ? { status } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const records = useQuery({
    queryKey: [...recordsKey(map.id), { key, status, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/dualwrite/records', { params: { query: { ...listQuery, limit, offset } } })),
    refetchInterval: refreshMs,
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ key: value, offset: '0' }), [setFilters]);
  const filtered = Boolean(key || status || from || to);

  return (
    <Section title="Ledger">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <NativeSelect
            label="Status"
            data={[{ value: '', label: 'All statuses' }, ...ledgerStatuses.map((s) => ({ value: s, label: s }))]}
            value={status ?? ''}
            onChange={(event) => setFilters({ status: event.currentTarget.value, offset: '0' })}
            w={{ base: '100%', sm: 220 }}
          />
          <SearchInput label="Key" value={key} onSearch={onSearch} placeholder="Source or target key, or its start" />
          <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label="Handled" />
          <ExportCsvButton path="/api/dualwrite/records" query={listQuery} />
        </Group>
        {records.data && records.isError ? <ErrorAlert error={records.error} title="The ledger could not be refreshed" /> : null}
        {!records.data ? (
          records.isError ? (
            <ErrorAlert error={records.error} title="The ledger could not be loaded" />
          ) : (
            <TableSkeleton />
          )
        ) : records.data.items.length === 0 ? (
          <Empty
            icon={<IconListDetails size={24} />}
            title={filtered ? 'No records match' : 'Nothing synced yet'}
            description={filtered ? 'Try another key or status.' : 'Every change this map handles is listed here, newest first.'}
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={980}>
              <Table striped aria-label="Ledger">
                <Table.Thead>
                  <Table.Tr style={{ whiteSpace: 'nowrap' }}>
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
                  {records.data.items.map((record) => (
                    <LedgerRow key={record.id} record={record} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager total={records.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
          </>
        )}
      </Stack>
    </Section>
  );
}

function LedgerRow({ record }: { record: LedgerRecord }) {
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatDateTime(record.at, true)}</Text>
        {record.origin ? (
          <Text size="xs" c="dimmed">
            from {record.origin}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{directionLabels[record.direction]}</Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {record.sourceKey}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" c={record.targetKey ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
          {record.targetKey ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <RecordStatusBadge status={record.status} />
      </Table.Td>
      <Table.Td maw={240}>
        <Text size="xs" ff="monospace" c={record.fields.length > 0 ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
          {record.fields.length > 0 ? record.fields.join(', ') : '—'}
        </Text>
      </Table.Td>
      <Table.Td maw={320}>
        <Text size="sm" c={record.detail ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>
          {record.detail ?? '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
