// Dual-write: every table map between HQ and the CRM, its status, what waits and what failed, refreshed every 2 s.
import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
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
  const maps = useMaps();
  return (
    <>
      <PageHeader
        title="Dual-write"
        description="Table maps keep HQ and the CRM in step, row by row and in both directions. Counts refresh every 2 seconds."
      />
      <Paper withBorder radius="md" p="md">
        {maps.data && maps.isError ? <ErrorAlert error={maps.error} title="The list could not be refreshed" /> : null}
        {!maps.data ? (
          maps.isError ? (
            <ErrorAlert error={maps.error} title="The table maps could not be loaded" />
          ) : (
            <TableSkeleton rows={4} />
          )
        ) : maps.data.length === 0 ? (
          <Empty icon={<IconArrowsExchange size={24} />} title="No table maps" description="Table maps appear here once the dual-write solution is installed." />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>HQ entity ↔ CRM table</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Pending</Table.Th>
                  <Table.Th ta="right">Failed</Table.Th>
                  <Table.Th>Last sync</Table.Th>
                  <Table.Th>Directions</Table.Th>
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
              None
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
