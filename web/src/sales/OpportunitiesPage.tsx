// Opportunities through a view: My open, Open, Closed, All.
import { Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { IconTrophy } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import type { OpportunityView } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatMoney, formatDate } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { SortableTh } from '../ui/SortableTh.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { opportunityViews, stageLabel, viewLabel } from './labels.ts';

const limit = 25;

export function OpportunitiesPage() {
  const [filters, setFilters] = useQueryParams({ view: '', search: '', sort: '-createdAt', offset: '0', from: '', to: '' });
  const view = (opportunityViews.find((v) => v.value === filters.view)?.value ?? 'my-open-opportunities') as NonNullable<OpportunityView>;
  const offset = toOffset(filters.offset);
  const search = filters.search.trim();
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { view, sort: filters.sort, ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const list = useQuery({
    queryKey: ['sales', 'opportunities', { view, search, sort: filters.sort, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/sales/opportunities', { params: { query: { ...listQuery, limit, offset } } })),
    refetchInterval: 5000,
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const onSort = (sort: string) => setFilters({ sort, offset: '0' });
  const { t } = useTranslation('sales');
  return (
    <>
      <PageHeader title={t('opportunities.title')} description={t('opportunities.description')} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <NativeSelect label={t('views.label')} data={opportunityViews.map((v) => ({ value: v.value, label: viewLabel(v.value) }))} value={view} onChange={(e) => setFilters({ view: e.currentTarget.value, offset: '0' })} w={260} />
            <SearchInput value={search} onSearch={onSearch} placeholder={t('opportunities.searchPlaceholder')} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path="/api/sales/opportunities" query={listQuery} />
          </Group>
          {!list.data ? (
            list.isError ? <ErrorAlert error={list.error} title={t('opportunities.loadError')} /> : <TableSkeleton />
          ) : list.data.items.length === 0 ? (
            <Empty icon={<IconTrophy size={24} />} title={t('opportunities.empty')} description={t('opportunities.emptyHint')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <SortableTh field="name" sort={filters.sort} onSort={onSort}>
                        {t('opportunities.columns.name')}
                      </SortableTh>
                      <Table.Th>{t('opportunities.columns.stage')}</Table.Th>
                      <Table.Th>{t('opportunities.columns.status')}</Table.Th>
                      <SortableTh field="estimatedRevenue" sort={filters.sort} onSort={onSort}>
                        {t('opportunities.columns.estimatedRevenue')}
                      </SortableTh>
                      <SortableTh field="estimatedCloseDate" sort={filters.sort} onSort={onSort}>
                        {t('opportunities.columns.estimatedCloseDate')}
                      </SortableTh>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.data.items.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Td miw={200}>
                          <AppLink to={`/sales/opportunities/${o.id}`} fw={600} size="sm">
                            {o.name}
                          </AppLink>
                        </Table.Td>
                        <Table.Td>{stageLabel(o.stage)}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={o.state} size="sm" />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatMoney(o.estimatedRevenue, o.currency)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDate(o.estimatedCloseDate)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={list.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
