// The per-record ledger of a map: every change the engine handled, which row it reached and how it went.
import { Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
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
import { statusLabel } from '../../ui/StatusBadge.tsx';
import { directionLabels, RecordStatusBadge } from './labels.tsx';

const limit = 25;

export function LedgerTable({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
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
    <Section title={t('dualWrite.ledger.title')}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('dualWrite.status')}
            data={[{ value: '', label: t('dualWrite.ledger.allStatuses') }, ...ledgerStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
            value={status ?? ''}
            onChange={(event) => setFilters({ status: event.currentTarget.value, offset: '0' })}
            w={{ base: '100%', sm: 220 }}
          />
          <SearchInput label={t('dualWrite.key')} value={key} onSearch={onSearch} placeholder={t('dualWrite.ledger.keyPlaceholder')} />
          <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label={t('dualWrite.ledger.handled')} />
          <ExportCsvButton path="/api/dualwrite/records" query={listQuery} />
        </Group>
        {records.data && records.isError ? <ErrorAlert error={records.error} title={t('dualWrite.ledger.notRefreshed')} /> : null}
        {!records.data ? (
          records.isError ? (
            <ErrorAlert error={records.error} title={t('dualWrite.ledger.notLoaded')} />
          ) : (
            <TableSkeleton />
          )
        ) : records.data.items.length === 0 ? (
          <Empty
            icon={<IconListDetails size={24} />}
            title={filtered ? t('dualWrite.ledger.noMatch') : t('dualWrite.ledger.empty')}
            description={filtered ? t('dualWrite.ledger.noMatchText') : t('dualWrite.ledger.emptyText')}
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={980}>
              <Table striped aria-label={t('dualWrite.ledger.title')}>
                <Table.Thead>
                  <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                    <Table.Th>{t('dualWrite.ledger.time')}</Table.Th>
                    <Table.Th>{t('dualWrite.fieldMaps.direction')}</Table.Th>
                    <Table.Th>{t('dualWrite.ledger.sourceKey')}</Table.Th>
                    <Table.Th>{t('dualWrite.ledger.targetKey')}</Table.Th>
                    <Table.Th>{t('dualWrite.status')}</Table.Th>
                    <Table.Th>{t('dualWrite.ledger.fields')}</Table.Th>
                    <Table.Th>{t('dualWrite.ledger.detail')}</Table.Th>
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
  const { t } = useTranslation('hq');
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatDateTime(record.at, true)}</Text>
        {record.origin ? (
          <Text size="xs" c="dimmed">
            {t('dualWrite.ledger.origin', { origin: record.origin })}
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
