// Dual-write: every table map between HQ and the CRM, its status, what waits and what failed, refreshed every 2 s.
import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AppLink } from '../../ui/AppLink.tsx';
import { Empty } from '../../ui/Empty.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { useMaps } from './api.ts';
import type { MapSummary } from './api.ts';
import { directionLabels, directionsArrow, MapStatusBadge, RelativeTime } from './labels.tsx';

export function DualWriteMapsPage() {
  const { t } = useTranslation('hq');
  const maps = useMaps();
  return (
    <>
      <PageHeader title={t('dualWrite.maps.title')} description={t('dualWrite.maps.description')} />
      <Paper withBorder radius="md" p="md">
        {maps.data && maps.isError ? <ErrorAlert error={maps.error} title={t('dualWrite.listNotRefreshed')} /> : null}
        {!maps.data ? (
          maps.isError ? (
            <ErrorAlert error={maps.error} title={t('dualWrite.maps.notLoaded')} />
          ) : (
            <TableSkeleton rows={4} />
          )
        ) : maps.data.length === 0 ? (
          <Empty icon={<IconArrowsExchange size={24} />} title={t('dualWrite.maps.empty')} description={t('dualWrite.maps.emptyText')} />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                  <Table.Th>{t('dualWrite.maps.name')}</Table.Th>
                  <Table.Th>{t('dualWrite.maps.entities')}</Table.Th>
                  <Table.Th>{t('dualWrite.status')}</Table.Th>
                  <Table.Th ta="right">{t('dualWrite.pending')}</Table.Th>
                  <Table.Th ta="right">{t('dualWrite.failed')}</Table.Th>
                  <Table.Th>{t('dualWrite.lastSync')}</Table.Th>
                  <Table.Th>{t('dualWrite.directions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {maps.data.map((map) => (
                  <MapRow key={map.id} map={map} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

function MapRow({ map }: { map: MapSummary }) {
  const { t } = useTranslation('hq');
  return (
    <Table.Tr data-map={map.id}>
      <Table.Td miw={240} maw={380}>
        <AppLink to={`/hq/dual-write/${encodeURIComponent(map.id)}`} fw={600} size="sm">
          {map.name}
        </AppLink>
        <Text size="xs" c="dimmed" ff="monospace">
          {map.id}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" ff="monospace" span>
          {map.hqEntity} {directionsArrow(map.directions)} {map.crmEntity}
        </Text>
      </Table.Td>
      <Table.Td maw={260}>
        <Stack gap={4} align="flex-start">
          <MapStatusBadge status={map.status} size="sm" />
          {map.statusReason ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {map.statusReason}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td ta="right">
        {formatNumber(map.pending)}
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c={map.failed > 0 ? 'red' : undefined} fw={map.failed > 0 ? 700 : undefined} span>
          {formatNumber(map.failed)}
        </Text>
      </Table.Td>
      <Table.Td>
        <RelativeTime value={map.lastSyncedAt} />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {map.directions.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('dualWrite.none')}
            </Text>
          ) : (
            map.directions.map((d) => (
              <Badge key={d} variant="outline" color="gray" size="sm" radius="sm" style={{ textTransform: 'none' }}>
                {directionLabels[d]}
              </Badge>
            ))
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
