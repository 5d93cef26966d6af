// Leads through a view: "All Commerce B2B leads" (whoever owns them), "My open leads", and the rest.
import { Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { LeadView } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, fullName } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { SortableTh } from '../ui/SortableTh.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { label, leadViews, viewLabel } from './labels.ts';
import { LeadFormModal } from './LeadFormModal.tsx';
import { ownerName, useOwners } from './useOwners.ts';
import { rememberLeadView, useLeadView } from './useLeadView.ts';

const limit = 25;

export function LeadsPage() {
  const [filters, setFilters] = useQueryParams({ view: '', search: '', sort: '-createdAt', offset: '0', from: '', to: '' });
  const { view, userId } = useLeadView(filters.view);
  const offset = toOffset(filters.offset);
  const search = filters.search.trim();
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { view: view!, sort: filters.sort, ...(search ? { search } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const [opened, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const owners = useOwners();
  const { t } = useTranslation('sales');

  const leads = useQuery({
    queryKey: ['sales', 'leads', { view, search, sort: filters.sort, offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/sales/leads', { params: { query: { ...listQuery, limit, offset } } })),
    enabled: view !== undefined,
    refetchInterval: 3000,
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const onSort = (sort: string) => setFilters({ sort, offset: '0' });

  return (
    <>
      <PageHeader
        title={t('leads.title')}
        description={t('leads.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('leads.newLead')}
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('views.label')}
              data={leadViews.map((v) => ({ value: v.value, label: viewLabel(v.value) }))}
              value={view ?? ''}
              onChange={(e) => {
                rememberLeadView(userId, e.currentTarget.value as NonNullable<LeadView>);
                setFilters({ view: e.currentTarget.value, offset: '0' });
              }}
              w={260}
            />
            <SearchInput value={search} onSearch={onSearch} placeholder={t('leads.searchPlaceholder')} />
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path="/api/sales/leads" query={listQuery} />
          </Group>
          {!leads.data ? (
            leads.isError ? <ErrorAlert error={leads.error} title={t('leads.loadError')} /> : <TableSkeleton />
          ) : leads.data.items.length === 0 ? (
            <Empty icon={<IconTargetArrow size={24} />} title={t('leads.empty')} description={search ? t('leads.emptySearch') : t('leads.emptyHint')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <SortableTh field="topic" sort={filters.sort} onSort={onSort}>
                        {t('leads.columns.topic')}
                      </SortableTh>
                      <Table.Th>{t('leads.columns.name')}</Table.Th>
                      <SortableTh field="companyName" sort={filters.sort} onSort={onSort}>
                        {t('leads.columns.company')}
                      </SortableTh>
                      <Table.Th>{t('leads.columns.source')}</Table.Th>
                      <SortableTh field="statusReason" sort={filters.sort} onSort={onSort}>
                        {t('leads.columns.status')}
                      </SortableTh>
                      <Table.Th>{t('leads.columns.owner')}</Table.Th>
                      <SortableTh field="createdAt" sort={filters.sort} onSort={onSort} descendingFirst>
                        {t('leads.columns.created')}
                      </SortableTh>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {leads.data.items.map((lead) => (
                      <Table.Tr key={lead.id}>
                        <Table.Td miw={200}>
                          <AppLink to={`/sales/leads/${lead.id}`} fw={600} size="sm">
                            {lead.topic}
                          </AppLink>
                        </Table.Td>
                        <Table.Td>{fullName({ firstName: lead.firstName ?? undefined, lastName: lead.lastName })}</Table.Td>
                        <Table.Td>{lead.companyName ?? '—'}</Table.Td>
                        <Table.Td>{label(lead.source)}</Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <StatusBadge status={lead.state} size="sm" />
                            <Text size="xs" c="dimmed">
                              {label(lead.statusReason)}
                            </Text>
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" c={lead.ownerId ? undefined : 'dimmed'}>
                            {ownerName(owners.data?.items, lead.ownerId)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDateTime(lead.createdAt)}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={leads.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
      {opened ? <LeadFormModal opened onClose={close} onSaved={(lead) => void navigate(`/sales/leads/${lead.id}`)} /> : null}
    </>
  );
}
