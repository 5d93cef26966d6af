// One table map: its lifecycle, its definition, field maps, initial sync progress, errors, ledger and activity.
import { Badge, Breadcrumbs, Code, Grid, Group, Paper, ScrollArea, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('hq');
  const { id = '' } = useParams();
  const map = useMap(id);
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/dual-write">{t('dualWrite.maps.title')}</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Breadcrumbs>
      {map.data ? (
        <>
          {map.isError ? <ErrorAlert error={map.error} title={t('dualWrite.map.notRefreshed')} /> : null}
          <MapView map={map.data} />
        </>
      ) : map.isError ? (
        <ErrorAlert error={map.error} title={t('dualWrite.map.notLoaded')} />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

// What each status means, under hq:dualWrite.map.explanations.<status>.
const explained: readonly MapStatus[] = ['Running', 'Paused', 'Initializing', 'Stopped', 'NotRunning', 'Error'];

const tabs = ['field-maps', 'initial-sync', 'errors', 'ledger'] as const;
type Tab = (typeof tabs)[number];

function MapView({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  const [params, setParams] = useQueryParams({ tab: 'field-maps' });
  const tab: Tab = tabs.find((name) => name === params.tab) ?? 'field-maps';
  const alertRule = map.alertRule
    ? t(map.alertRule.action === 'Pause' ? 'dualWrite.map.alertPause' : 'dualWrite.map.alertRecord', {
        errors: formatNumber(map.alertRule.errors),
        minutes: formatNumber(map.alertRule.withinMinutes),
      })
    : t('dualWrite.none');
  const explanation = explained.includes(map.status) ? t(`dualWrite.map.explanations.${map.status}`) : undefined;

  return (
    <>
      <PageHeader
        title={map.name}
        badge={<MapStatusBadge status={map.status} size="lg" />}
        description={
          <>
            {t('dualWrite.map.tableMap')} <Code>{map.id}</Code> · {map.hqEntity} {directionsArrow(map.directions)} {map.crmEntity} ·{' '}
            {t('dualWrite.map.version', { version: map.version })}
          </>
        }
        actions={<MapActions map={map} />}
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md" role="status" aria-label={t('dualWrite.map.status')}>
          <Group gap="lg" wrap="wrap" justify="space-between">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <MapStatusBadge status={map.status} />
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {map.statusReason ?? explanation}
              </Text>
            </Group>
            <Group gap="lg" wrap="wrap">
              <Figure label={t('dualWrite.pending')} value={formatNumber(map.pending)} />
              <Figure label={t('dualWrite.failed')} value={formatNumber(map.failed)} alert={map.failed > 0} />
              {map.waiting > 0 && <Figure label={t('dualWrite.map.waiting')} value={formatNumber(map.waiting)} />}
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t('dualWrite.lastSync')}
                </Text>
                <RelativeTime value={map.lastSyncedAt} />
              </Stack>
            </Group>
          </Group>
        </Paper>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Section title={t('dualWrite.map.details')}>
              <Details
                labelWidth={190}
                items={[
                  [t('dualWrite.map.hqEntity'), <Code>{map.hqEntity}</Code>],
                  [t('dualWrite.map.crmTable'), <Code>{map.crmEntity}</Code>],
                  [
                    t('dualWrite.directions'),
                    map.directions.length > 0 ? (
                      <Group gap={4}>
                        {map.directions.map((d) => (
                          <Badge key={d} variant="outline" color="gray" size="sm" radius="sm" style={{ textTransform: 'none' }}>
                            {directionLabels[d]}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      t('dualWrite.none')
                    ),
                  ],
                  [t('dualWrite.map.integrationKey'), <KeyText map={map} />],
                  [t('dualWrite.map.master'), map.masterForInitialSync],
                  [t('dualWrite.map.hqFilter'), map.hqFilter ? <Code>{map.hqFilter}</Code> : t('dualWrite.none')],
                  [t('dualWrite.map.crmFilter'), map.crmFilter ? <Code>{map.crmFilter}</Code> : t('dualWrite.none')],
                  [t('dualWrite.map.alertRule'), alertRule],
                  [t('dualWrite.map.executionOrder'), String(map.executionOrder)],
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
            <Tabs.Tab value="field-maps">{t('dualWrite.fieldMaps.title')}</Tabs.Tab>
            <Tabs.Tab value="initial-sync">{t('dualWrite.initialSync.title')}</Tabs.Tab>
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
              {t('dualWrite.errors.title')}
            </Tabs.Tab>
            <Tabs.Tab value="ledger">{t('dualWrite.ledger.title')}</Tabs.Tab>
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
