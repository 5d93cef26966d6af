// The onboarding work queue: every case with its status and age, by status and search (kept in the address), and a
// small funnel on top (requests per week over eight weeks, decided, approved, median time to decision).
import { Group, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { Empty } from '../../ui/Empty.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../../ui/ListExport.tsx';
import { SortableTh } from '../../ui/SortableTh.tsx';
import { StatusBadge, statusLabel } from '../../ui/StatusBadge.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../../ui/useQueryParams.ts';
import { useNow } from '../dualwrite/labels.tsx';
import { age, caseStatuses, durationText } from './caseLabels.ts';
import type { CaseFunnel } from './caseLabels.ts';

const limit = 25;
const sorts = ['-openedAt', 'openedAt'] as const;

export function CasesPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ status: 'All', search: '', sort: '-openedAt', offset: '0', from: '', to: '' });
  const status = caseStatuses.find((s) => s === filters.status);
  const search = filters.search.trim();
  const sort = sorts.find((s) => s === filters.sort) ?? '-openedAt';
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(status ? { status } : {}), ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), sort };
  const now = useNow(60_000);

  const cases = useQuery({
    queryKey: ['hq', 'onboarding-cases', { status, search, sort, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases', { params: { query: { ...listQuery, limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const filtered = Boolean(status || search || from || to);

  return (
    <>
      <PageHeader title={t('onboarding.cases.title')} description={t('onboarding.cases.description')} />
      <Stack gap="lg">
        <FunnelPanel />
        <Paper withBorder radius="md" p="md">
          <Stack gap="md">
            <Group justify="space-between" align="flex-end" wrap="wrap">
              <NativeSelect
                label={t('onboarding.status')}
                value={status ?? 'All'}
                onChange={(e) => setFilters({ status: e.currentTarget.value, offset: '0' })}
                data={[{ value: 'All', label: t('onboarding.cases.all') }, ...caseStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
                w={220}
              />
              <SearchInput value={search} onSearch={onSearch} placeholder={t('onboarding.cases.searchPlaceholder')} />
              <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} label={t('onboarding.cases.opened')} />
              <ExportCsvButton path="/api/hq/onboarding-cases" query={listQuery} />
            </Group>
            {cases.data && cases.isError ? <ErrorAlert error={cases.error} title={t('dualWrite.listNotRefreshed')} /> : null}
            {!cases.data ? (
              cases.isError ? (
                <ErrorAlert error={cases.error} title={t('onboarding.cases.notLoaded')} />
              ) : (
                <TableSkeleton />
              )
            ) : cases.data.items.length === 0 ? (
              <Empty
                icon={<IconInbox size={24} />}
                title={filtered ? t('onboarding.cases.noMatch') : t('onboarding.cases.empty')}
                description={filtered ? t('onboarding.cases.noMatchText') : t('onboarding.cases.emptyText')}
              />
            ) : (
              <>
                <Table.ScrollContainer minWidth={760}>
                  <Table striped aria-label={t('onboarding.cases.title')}>
                    <Table.Thead>
                      <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                        <Table.Th>{t('onboarding.case.case')}</Table.Th>
                        <Table.Th>{t('onboarding.company')}</Table.Th>
                        <Table.Th>{t('onboarding.email')}</Table.Th>
                        <Table.Th>{t('onboarding.status')}</Table.Th>
                        <SortableTh field="openedAt" sort={sort} onSort={(s) => setFilters({ sort: s, offset: '0' })} descendingFirst>
                          {t('onboarding.cases.age')}
                        </SortableTh>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {cases.data.items.map((c) => (
                        <Table.Tr key={c.id}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <AppLink to={`/hq/onboarding-cases/${c.id}`} ff="monospace" fw={600} size="sm">
                              {c.number}
                            </AppLink>
                          </Table.Td>
                          <Table.Td miw={160} style={{ overflowWrap: 'anywhere' }}>
                            {c.companyName}
                          </Table.Td>
                          <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.email}</Table.Td>
                          <Table.Td>
                            <StatusBadge status={c.status} size="sm" />
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }} title={formatDateTime(c.openedAt)}>
                            {age(c.openedAt, now)}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Pager total={cases.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
              </>
            )}
          </Stack>
        </Paper>
      </Stack>
    </>
  );
}

function FunnelPanel() {
  const { t } = useTranslation('hq');
  const funnel = useQuery({
    queryKey: ['hq', 'onboarding-cases', 'funnel'],
    queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases/funnel')),
  });
  if (funnel.isError) return <ErrorAlert error={funnel.error} title={t('onboarding.funnel.notLoaded')} />;
  if (!funnel.data) return null;
  return <Funnel funnel={funnel.data} />;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="xl" fw={700}>
        {value}
      </Text>
    </div>
  );
}

function Funnel({ funnel: f }: { funnel: CaseFunnel }) {
  const { t } = useTranslation('hq');
  const most = Math.max(1, ...f.weeks.map((w) => w.requests));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="funnel-title">
      <Title order={2} fz="md" id="funnel-title" mb="sm">
        {t('onboarding.funnel.title')}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mb="md">
        <Figure label={t('onboarding.funnel.requests')} value={formatNumber(f.requests)} />
        <Figure label={t('onboarding.funnel.decided')} value={formatNumber(f.decided)} />
        <Figure label={t('onboarding.funnel.approved')} value={formatNumber(f.approved)} />
        <Figure label={t('onboarding.funnel.median')} value={durationText(f.medianSecondsToDecision)} />
      </SimpleGrid>
      <Table.ScrollContainer minWidth={480}>
        <Table aria-label={t('onboarding.funnel.perWeek')} verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('onboarding.funnel.weekOf')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('onboarding.funnel.requests')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('onboarding.funnel.decided')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('onboarding.funnel.approved')}</Table.Th>
              <Table.Th w="40%" aria-hidden />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {f.weeks.map((w) => (
              <Table.Tr key={w.weekStart}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(`${w.weekStart}T12:00:00Z`)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{w.requests}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{w.decided}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{w.approved}</Table.Td>
                <Table.Td aria-hidden>
                  <div style={{ height: 8, borderRadius: 4, background: 'var(--mantine-color-blue-2)', width: `${(w.requests / most) * 100}%` }}>
                    <div style={{ height: 8, borderRadius: 4, background: 'var(--mantine-color-teal-6)', width: `${w.requests ? (w.approved / w.requests) * 100 : 0}%` }} />
                  </div>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
