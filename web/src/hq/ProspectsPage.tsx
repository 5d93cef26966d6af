// All prospects: every partner request that reached HQ, newest first, refreshed every few seconds.
import { Badge, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { ProspectSort, ProspectStatus } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, fullName } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { SegmentedFilter } from '../ui/SegmentedFilter.tsx';
import { SortableTh } from '../ui/SortableTh.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { age } from './onboarding/caseLabels.ts';
import type { CaseSummary } from './onboarding/caseLabels.ts';
import { useTranslation } from 'react-i18next';

const limit = 25;
const sorts: readonly ProspectSort[] = ['createdAt', '-createdAt', 'companyName', '-companyName', 'status', '-status'];
const statuses: readonly ProspectStatus[] = ['New', 'Approved', 'Rejected'];
/** The onboarding case's statuses to filter by (a prospect always has a case past Received); '' is any. */
const caseStatusOptions = ['', 'InReview', 'WaitingForApplicant', 'Approved', 'Rejected'] as const;
type CaseStatusFilter = Exclude<(typeof caseStatusOptions)[number], ''>;

export function ProspectsPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ status: 'All', search: '', sort: '-createdAt', offset: '0', duplicates: '', from: '', to: '', caseStatus: '' });
  const duplicates = filters.duplicates === 'true';
  const status = statuses.find((s) => s === filters.status);
  const sort = sorts.find((s) => s === filters.sort) ?? '-createdAt';
  const offset = toOffset(filters.offset);
  const search = filters.search.trim();
  const { from, to } = filters;
  const caseStatus = caseStatusOptions.find((o): o is CaseStatusFilter => o !== '' && o === filters.caseStatus);
  // The filters the list and its CSV export share.
  const listQuery = { ...(status ? { status } : {}), ...(search ? { search } : {}), ...(duplicates ? { duplicates: true } : {}), ...(caseStatus ? { caseStatus } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), sort };

  const prospects = useQuery({
    queryKey: ['hq', 'prospects', { status, search, sort, offset, duplicates, caseStatus, from, to }],
    queryFn: () =>
      unwrap(
        api.GET('/api/hq/prospects', {
          params: { query: { ...listQuery, limit, offset } },
        }),
      ),
    refetchInterval: 3000,
    placeholderData: keepPreviousData,
  });

  // Each prospect's onboarding case (the earliest, its first request's): status words and age beside the prospect.
  const ids = prospects.data?.items.map((p) => p.id) ?? [];
  const cases = useQuery({
    queryKey: ['hq', 'onboarding-cases', { prospects: ids }],
    queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases', { params: { query: { prospects: ids.join(','), sort: 'openedAt', limit: 100, offset: 0 } } })),
    enabled: ids.length > 0,
    refetchInterval: 3000,
    placeholderData: keepPreviousData,
  });
  const caseOf = new Map<string, CaseSummary>();
  for (const c of cases.data?.items ?? []) if (c.prospectId && !caseOf.has(c.prospectId)) caseOf.set(c.prospectId, c);
  const now = Date.now();

  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const filtered = Boolean(status || search || duplicates || caseStatus || from || to);

  return (
    <>
      <PageHeader title={t('prospects.title')} description={t('prospects.description')} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <SegmentedFilter label={t('prospects.status')} value={status ?? 'All'} options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))} onChange={(value) => setFilters({ status: value, offset: '0' })} />
            <NativeSelect
              label={t('prospects.caseStatus')}
              data={caseStatusOptions.map((o) => ({ value: o, label: o ? statusLabel(o) : t('prospects.anyCaseStatus') }))}
              value={caseStatus ?? ''}
              onChange={(event) => setFilters({ caseStatus: event.currentTarget.value, offset: '0' })}
            />
            <Checkbox
              label={t('prospects.duplicatesOnly')}
              checked={duplicates}
              onChange={(event) => setFilters({ duplicates: event.currentTarget.checked ? 'true' : '', offset: '0' })}
            />
            <SearchInput value={search} onSearch={onSearch} placeholder={t('prospects.searchPlaceholder')} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path="/api/hq/prospects" query={listQuery} />
          </Group>

          {prospects.data && prospects.isError ? <ErrorAlert error={prospects.error} title={t('prospects.refreshError')} /> : null}
          {!prospects.data ? (
            prospects.isError ? (
              <ErrorAlert error={prospects.error} title={t('prospects.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : prospects.data.items.length === 0 ? (
            <Empty
              icon={<IconChecklist size={24} />}
              title={filtered ? t('prospects.noMatch') : t('prospects.empty')}
              description={
                filtered ? t('prospects.noMatchText') : t('prospects.emptyText')
              }
            />
          ) : (
            <>
              <Table.ScrollContainer minWidth={1100}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>{t('prospects.columns.id')}</Table.Th>
                      <SortableTh field="companyName" sort={sort} onSort={(s) => setFilters({ sort: s, offset: '0' })}>
                        {t('prospects.columns.company')}
                      </SortableTh>
                      <Table.Th>{t('prospects.columns.contactName')}</Table.Th>
                      <Table.Th>{t('prospects.columns.email')}</Table.Th>
                      <Table.Th>{t('prospects.columns.type')}</Table.Th>
                      <SortableTh field="status" sort={sort} onSort={(s) => setFilters({ sort: s, offset: '0' })}>
                        {t('prospects.columns.status')}
                      </SortableTh>
                      <Table.Th>{t('prospects.columns.onboardingCase')}</Table.Th>
                      <Table.Th>{t('prospects.columns.age')}</Table.Th>
                      <SortableTh field="createdAt" sort={sort} onSort={(s) => setFilters({ sort: s, offset: '0' })} descendingFirst>
                        {t('prospects.columns.created')}
                      </SortableTh>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {prospects.data.items.map((prospect) => (
                      <Table.Tr key={prospect.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm" ff="monospace">
                            {prospect.id}
                          </Text>
                        </Table.Td>
                        <Table.Td miw={180}>
                          <Group gap={6} wrap="nowrap">
                            <AppLink to={`/hq/prospects/${encodeURIComponent(prospect.id)}`} fw={600} size="sm">
                              {prospect.companyName}
                            </AppLink>
                            {prospect.possibleDuplicate ? (
                              <Badge size="sm" variant="light" color="orange" style={{ flexShrink: 0 }}>
                                {t('prospects.possibleDuplicate')}
                              </Badge>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{fullName(prospect)}</Table.Td>
                        <Table.Td miw={180} style={{ overflowWrap: 'anywhere' }}>{prospect.email}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{prospect.type === 'B2BProspect' ? t('prospects.b2bProspect') : prospect.type}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={prospect.status} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {caseOf.get(prospect.id) ? (
                            <Group gap={6} wrap="nowrap">
                              <AppLink to={`/hq/onboarding-cases/${caseOf.get(prospect.id)!.id}`} size="sm" ff="monospace">
                                {caseOf.get(prospect.id)!.number}
                              </AppLink>
                              <StatusBadge status={caseOf.get(prospect.id)!.status} size="sm" />
                            </Group>
                          ) : (
                            <Text size="sm" c="dimmed">
                              —
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          <Text size="sm">{age(caseOf.get(prospect.id)?.openedAt ?? prospect.createdAt, now)}</Text>
                        </Table.Td>
                        <Table.Td miw={110}>
                          <Text size="sm">
                            {formatDateTime(prospect.createdAt)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={prospects.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
