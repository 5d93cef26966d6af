// Customer hierarchies: one per business partner, with its organization, members and status; New business partner onboards one.
import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHierarchy2, IconPlus } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatNumber } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { DateRangeFilter, ExportCsvButton } from '../ui/ListExport.tsx';
import { Pager } from '../ui/Pager.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { NewPartnerModal } from './partners/NewPartnerModal.tsx';
import { useTranslation } from 'react-i18next';

const limit = 25;

export function HierarchiesPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ offset: '0', from: '', to: '' });
  const offset = toOffset(filters.offset);
  const { from, to } = filters;
  // The filters the list and its CSV export share.
  const listQuery = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const hierarchies = useQuery({
    queryKey: ['hq', 'hierarchies', { offset, from, to }],
    queryFn: () => unwrap(api.GET('/api/hq/customer-hierarchies', { params: { query: { ...listQuery, limit, offset } } })),
    placeholderData: keepPreviousData,
  });
  const [creating, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();

  return (
    <>
      <PageHeader
        title={t('hierarchies.title')}
        description={t('hierarchies.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={open}>
            {t('hierarchies.newPartner')}
          </Button>
        }
      />
      <NewPartnerModal opened={creating} onClose={close} onCreated={(hierarchy) => navigate(`/hq/customer-hierarchies/${encodeURIComponent(hierarchy.id)}`)} />
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <DateRangeFilter from={from} to={to} onChange={(range) => setFilters({ ...range, offset: '0' })} />
            <ExportCsvButton path="/api/hq/customer-hierarchies" query={listQuery} />
          </Group>
          {!hierarchies.data ? (
            hierarchies.isError ? (
              <ErrorAlert error={hierarchies.error} title={t('hierarchies.loadError')} />
            ) : (
              <TableSkeleton />
            )
          ) : hierarchies.data.items.length === 0 ? (
            <Empty icon={<IconHierarchy2 size={24} />} title={t('hierarchies.empty')} description={t('hierarchies.emptyText')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={840}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <Table.Th>{t('hierarchies.columns.hierarchy')}</Table.Th>
                      <Table.Th>{t('hierarchies.columns.name')}</Table.Th>
                      <Table.Th>{t('hierarchies.columns.purpose')}</Table.Th>
                      <Table.Th>{t('hierarchies.columns.organization')}</Table.Th>
                      <Table.Th>{t('hierarchies.columns.members')}</Table.Th>
                      <Table.Th>{t('hierarchies.columns.status')}</Table.Th>
                      <Table.Th>{t('hierarchies.columns.created')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {hierarchies.data.items.map((hierarchy) => (
                      <Table.Tr key={hierarchy.id}>
                        <Table.Td>
                          <AppLink to={`/hq/customer-hierarchies/${encodeURIComponent(hierarchy.id)}`} ff="monospace" size="sm" fw={600}>
                            {hierarchy.id}
                          </AppLink>
                        </Table.Td>
                        <Table.Td miw={180}>{hierarchy.name}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{hierarchy.purpose}</Table.Td>
                        <Table.Td>
                          <Text size="sm" span>
                            {hierarchy.organization.name}{' '}
                          </Text>
                          <AppLink to={`/hq/customers/${encodeURIComponent(hierarchy.organization.account)}`} ff="monospace" size="xs">
                            {hierarchy.organization.account}
                          </AppLink>
                        </Table.Td>
                        <Table.Td>{formatNumber(hierarchy.memberCount)}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={hierarchy.active ? 'Active' : 'Inactive'} size="sm" />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(hierarchy.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager total={hierarchies.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
            </>
          )}
        </Stack>
      </Paper>
    </>
  );
}
