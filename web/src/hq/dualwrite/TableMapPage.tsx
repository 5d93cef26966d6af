// One table map: its lifecycle, its definition, field maps, initial sync progress, errors, ledger and activity.
import { Badge, Breadcrumbs, Code, Grid, Group, Paper, ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { AppLink } from '../../ui/AppLink.tsx';
import { Details } from '../../ui/Details.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Section } from '../../ui/Section.tsx';
import { DetailSkeleton } from '../../ui/TableSkeleton.tsx';
import { useQueryParams } from '../../ui/useQueryParams.ts';
import { useMap } from './api.ts';
import type { MapDetail, MapStatus } from './api.ts';
import { ActivityList } from './ActivityList.tsx';
import { FieldMapsTable } from './FieldMapsTable.tsx';
import { InitialSyncProgress } from './InitialSyncProgress.tsx';
import { directionLabels, directionsArrow, MapStatusBadge, RelativeTime } from './labels.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import { MapActions } from './MapActions.tsx';
import { SyncErrorsTable } from './SyncErrorsTable.tsx';

export function TableMapPage() {
  const { id = '' } = useParams();
  const map = useMap(id);
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/dual-write">Dual-write</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Breadcrumbs>
      {map.data ? (
        <>
          {map.isError ? <ErrorAlert error={map.error} title="The map could not be refreshed" /> : null}
          <MapView map={map.data} />
        </>
      ) : map.isError ? (
        <ErrorAlert error={map.error} title="The table map could not be loaded" />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

const statusExplanations: Record<MapStatus, string> = {
  Running: 'Changes on either side are synced as they happen.',
  Paused: 'Changes wait in line and are synced when the map is resumed.',
  Initializing: 'Existing rows are being copied and linked; live changes follow.',
  Stopped: 'Nothing is synced. Run the map to start again.',
  NotRunning: 'This map has not been run yet.',
  Error: 'The map stopped because of an error.',
};

const tabs = ['field-maps', 'initial-sync', 'errors', 'ledger'] as const;
type Tab = (typeof tabs)[number];

function MapView({ map }: { map: MapDetail }) {
  const [params, setParams] = useQueryParams({ tab: 'field-maps' });
  const tab: Tab = tabs.find((t) => t === params.tab) ?? 'field-maps';
  const alertRule = map.alertRule
    ? `${map.alertRule.action === 'Pause' ? 'Pause the map' : 'Only record it'} after ${formatNumber(map.alertRule.errors)} errors within ${formatNumber(map.alertRule.withinMinutes)} min`
    : 'None';

  return (
    <>
      <PageHeader
        title={map.name}
        badge={<MapStatusBadge status={map.status} size="lg" />}
        description={
          <>
            Table map <Code>{map.id}</Code> · {map.hqEntity} {directionsArrow(map.directions)} {map.crmEntity} · version {map.version}
          </>
        }
        actions={<MapActions map={map} />}
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md" role="status" aria-label="Map status">
          <Group gap="lg" wrap="wrap" justify="space-between">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <MapStatusBadge status={map.status} />
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {map.statusReason ?? statusExplanations[map.status]}
              </Text>
            </Group>
            <Group gap="lg" wrap="wrap">
              <Figure label="Pending" value={formatNumber(map.pending)} />
              <Figure label="Failed" value={formatNumber(map.failed)} alert={map.failed > 0} />
              {map.waiting > 0 && <Figure label="Waiting for a parent" value={formatNumber(map.waiting)} />}
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  Last sync
                </Text>
                <RelativeTime value={map.lastSyncedAt} />
              </Stack>
            </Group>
          </Group>
        </Paper>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Section title="Details">
              <Details
                labelWidth={190}
                items={[
                  ['HQ entity', <Code>{map.hqEntity}</Code>],
                  ['CRM table', <Code>{map.crmEntity}</Code>],
                  [
                    'Directions',
                    map.directions.length > 0 ? (
                      <Group gap={4}>
                        {map.directions.map((d) => (
                          <Badge key={d} variant="outline" color="gray" size="sm" radius="sm" style={{ textTransform: 'none' }}>
                            {directionLabels[d]}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      'None'
                    ),
                  ],
                  ['Integration key', <KeyText map={map} />],
                  ['Master for initial sync', map.masterForInitialSync],
                  ['HQ filter', map.hqFilter ? <Code>{map.hqFilter}</Code> : 'None'],
                  ['CRM filter', map.crmFilter ? <Code>{map.crmFilter}</Code> : 'None'],
                  ['Alert rule', alertRule],
                  ['Execution order', String(map.executionOrder)],
                ]}
              />
            </Section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <ScrollArea.Autosize mah={520} type="auto">
              <ActivityList map={map} />
            </ScrollArea.Autosize>
          </Grid.Col>
        </Grid>
        <Tabs value={tab} onChange={(value) => setParams({ tab: value ?? 'field-maps' })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="field-maps">Field maps</Tabs.Tab>
            <Tabs.Tab value="initial-sync">Initial sync</Tabs.Tab>
            <Tabs.Tab
              value="errors"
              rightSection={
                map.failed > 0 ? (
                  <Badge size="sm" color="red" variant="filled" radius="xl">
                    {formatNumber(map.failed)}
                  </Badge>
                ) : null
              }
            >
              Errors
            </Tabs.Tab>
            <Tabs.Tab value="ledger">Ledger</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="field-maps">
            <FieldMapsTable map={map} />
          </Tabs.Panel>
          <Tabs.Panel value="initial-sync">
            <InitialSyncProgress map={map} />
          </Tabs.Panel>
          <Tabs.Panel value="errors">
            <SyncErrorsTable map={map} />
          </Tabs.Panel>
          <Tabs.Panel value="ledger">
            <LedgerTable map={map} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}

function KeyText({ map }: { map: MapDetail }) {
  return (
    <Stack gap={2}>
      <Text size="sm">
        HQ: <Code>{map.integrationKey.hq.join(' + ') || '—'}</Code>
      </Text>
      <Text size="sm">
        CRM: <Code>{map.integrationKey.crm.join(' + ') || '—'}</Code>
      </Text>
    </Stack>
  );
}

function Figure({ label, value, alert }: { label: string; value: string; alert?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} c={alert ? 'red' : undefined}>
        {value}
      </Text>
    </Stack>
  );
}
