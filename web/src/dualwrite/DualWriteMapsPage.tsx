// Dual-write: every table map with its status, what waits, what failed and when it last synced; refreshed live.
import { Group, Paper, Table, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';

export const directionLabel = { 'hq-to-crm': 'HQ → CRM', 'crm-to-hq': 'CRM → HQ' } as const;

export function DualWriteMapsPage() {
  const maps = useQuery({ queryKey: ['dualwrite', 'maps'], queryFn: () => unwrap(api.GET('/api/dualwrite/maps')), refetchInterval: 2000 });
  return (
    <>
      <PageHeader title="Dual-write" description="Table maps between HQ and the CRM. Changes move within a fraction of a second; nothing is lost while a side is down or a map is paused." />
      <Paper withBorder radius="md" p="md">
        {!maps.data ? (
          maps.isError ? <ErrorAlert error={maps.error} title="The maps could not be loaded" /> : <TableSkeleton />
        ) : maps.data.length === 0 ? (
          <Empty icon={<IconArrowsExchange size={24} />} title="No table maps" description="The Commerce solution's maps are installed at first start." />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Table map</Table.Th>
                  <Table.Th>HQ ↔ CRM</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Pending</Table.Th>
                  <Table.Th>Failed</Table.Th>
                  <Table.Th>Last sync</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {maps.data.map((map) => (
                  <Table.Tr key={map.id}>
                    <Table.Td miw={260}>
                      <AppLink to={`/hq/dual-write/${map.id}`} fw={600} size="sm">
                        {map.name}
                      </AppLink>
                      <Text size="xs" c="dimmed">
                        {map.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {map.hqEntity} ↔ {map.crmEntity}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {map.directions.map((d) => directionLabel[d]).join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={320}>
                      <StatusBadge status={map.status} />
                      {map.statusReason ? (
                        <Text size="xs" c="dimmed" mt={4}>
                          {map.statusReason}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{formatNumber(map.pending)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Text size="sm" c={map.failed > 0 ? 'red' : undefined} fw={map.failed > 0 ? 700 : undefined}>
                          {formatNumber(map.failed)}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDateTime(map.lastSyncedAt, true)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}
