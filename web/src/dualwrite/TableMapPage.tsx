// One table map: status and actions, what it maps and how, initial sync progress, errors, ledger and activity.
import { Breadcrumbs, Grid, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { TableMapDetail } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { directionLabel } from './DualWriteMapsPage.tsx';
import { FieldMapsSection } from './FieldMapsSection.tsx';
import { MapActions } from './MapActions.tsx';
import { ErrorsSection, LedgerSection } from './MapRecords.tsx';

export function TableMapPage() {
  const { id = '' } = useParams();
  const map = useQuery({ queryKey: ['dualwrite', 'map', id], queryFn: () => unwrap(api.GET('/api/dualwrite/maps/{id}', { params: { path: { id } } })), refetchInterval: 2000 });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/dual-write">Dual-write</AppLink>
        <Text size="sm" c="dimmed">
          {id}
        </Text>
      </Breadcrumbs>
      {map.data ? <MapView map={map.data} /> : map.isError ? <ErrorAlert error={map.error} title="The map could not be loaded" /> : <DetailSkeleton />}
    </>
  );
}

function MapView({ map }: { map: TableMapDetail }) {
  return (
    <>
      <PageHeader title={map.name} badge={<StatusBadge status={map.status} size="lg" />} description={map.statusReason ?? `${formatNumber(map.pending)} pending · ${formatNumber(map.failed)} failed · last sync ${formatDateTime(map.lastSyncedAt, true)}`} actions={<MapActions map={map} />} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <FieldMapsSection map={map} />
            <ErrorsSection mapId={map.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Section title="Definition">
              <Details
                items={[
                  ['HQ entity', map.hqEntity],
                  ['CRM table', map.crmEntity],
                  ['Directions', map.directions.map((d) => directionLabel[d]).join(', ')],
                  ['Integration key', `HQ ${map.integrationKey.hq.join(' + ')} ↔ CRM ${map.integrationKey.crm.join(' + ')}`],
                  ['HQ filter', map.hqFilter],
                  ['CRM filter', map.crmFilter],
                  ['Master for initial sync', map.masterForInitialSync],
                  ['Execution order', String(map.executionOrder)],
                  ['Alert rule', map.alertRule ? `${map.alertRule.errors} errors within ${map.alertRule.withinMinutes} minutes → ${map.alertRule.action}` : 'None'],
                ]}
              />
            </Section>
            <Section title="Initial sync">
              {map.initialSync.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No initial sync has run for this map.
                </Text>
              ) : (
                <Stack gap="md">
                  {map.initialSync.map((run) => (
                    <Stack key={run.id} gap={4}>
                      <Text size="sm" fw={600}>
                        {directionLabel[run.direction]} · <StatusBadge status={run.status} size="sm" />
                      </Text>
                      <Progress value={run.total > 0 ? (100 * run.done) / run.total : 100} animated={run.status === 'Running'} aria-label={`Initial sync ${directionLabel[run.direction]}`} />
                      <Text size="xs" c="dimmed">
                        {formatNumber(run.done)} of {formatNumber(run.total)} · {formatNumber(run.ratePerSecond)} rows/s
                        {run.secondsLeft !== null ? ` · ${run.secondsLeft} s left` : ''} · {formatNumber(run.errors)} errors
                      </Text>
                    </Stack>
                  ))}
                </Stack>
              )}
            </Section>
            <Section title="Activity">
              <Stack gap={6}>
                {map.activity.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Nothing yet.
                  </Text>
                ) : (
                  map.activity.map((a, i) => (
                    <Text key={i} size="sm">
                      <Text span size="xs" c="dimmed">
                        {formatDateTime(a.at)}
                      </Text>{' '}
                      {a.event}
                      {a.detail ? ` — ${a.detail}` : ''}
                      {a.actor ? ` (${a.actor})` : ''}
                    </Text>
                  ))
                )}
              </Stack>
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      <Stack mt="lg">
        <LedgerSection mapId={map.id} />
      </Stack>
    </>
  );
}
