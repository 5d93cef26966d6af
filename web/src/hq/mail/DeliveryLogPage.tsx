// The delivery log: every message with its recipient, type, status, attempts and last error; open one to read it.
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { Empty } from '../../ui/Empty.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { SearchInput } from '../../ui/SearchInput.tsx';
import { DateRangeFilter, ExportCsvButton } from '../../ui/ListExport.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { toOffset, useQueryParams } from '../../ui/useQueryParams.ts';
import { mailStatusLabel, MailStatusBadge, typeLabel } from './mailLabels.tsx';

const limit = 25;
const statuses = ['', 'Queued', 'Held', 'Sent', 'Failed', 'Stored'] as const;

export function useMailSettings() {
  return useQuery({ queryKey: ['mail', 'settings'], queryFn: () => unwrap(api.GET('/api/mail/settings')), staleTime: 60_000 });
}

export function DeliveryLogPage() {
  const { t } = useTranslation('hq');
  const [filters, setFilters] = useQueryParams({ status: '', to: '', offset: '0', from: '', until: '' });
  const offset = toOffset(filters.offset);
  const status = statuses.find((s) => s === filters.status) || undefined;
  const settings = useMailSettings();
  const { from, until } = filters;
  // The filters the log and its CSV export share (`to` is the recipient search, so the range ends at `until`).
  const listQuery = { ...(status ? { status } : {}), ...(filters.to ? { to: filters.to } : {}), ...(from ? { from } : {}), ...(until ? { until } : {}) };
  const list = useQuery({
    queryKey: ['mail', 'messages', { status, to: filters.to, offset, from, until }],
    queryFn: () => unwrap(api.GET('/api/mail/messages', { params: { query: { ...listQuery, limit, offset } } })),
    refetchInterval: 3000,
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((value: string) => setFilters({ to: value, offset: '0' }), [setFilters]);
  return (
    <>
      <PageHeader
        title={t('mail.log.title')}
        description={t('mail.log.description')}
        actions={
          <Group gap="sm">
            <Button component={Link} to="/hq/mail/templates" variant="default">
              {t('mail.templates.title')}
            </Button>
            <Button component={Link} to="/hq/mail/profiles" variant="default">
              {t('mail.profiles.title')}
            </Button>
          </Group>
        }
      />
      {settings.data && !settings.data.smtp ? (
        <Alert color="yellow" variant="light" mb="md" title={t('mail.log.noSmtp')}>
          {t('mail.log.noSmtpText')}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('mail.status')}
              data={statuses.map((s) => ({ value: s, label: s ? mailStatusLabel(s) : t('mail.log.allStatuses') }))} value={status ?? ''} onChange={(e) => setFilters({ status: e.currentTarget.value, offset: '0' })} />
            <SearchInput value={filters.to} onSearch={onSearch} placeholder={t('mail.log.searchPlaceholder')} />
            <DateRangeFilter from={from} to={until} onChange={(range) => setFilters({ ...('from' in range ? { from: range.from } : { until: range.to }), offset: '0' })} label={t('mail.statuses.Queued')} />
            <ExportCsvButton path="/api/mail/messages" query={listQuery} />
          </Group>
          {!list.data ? (
            list.isError ? <ErrorAlert error={list.error} title={t('mail.log.notLoaded')} /> : <TableSkeleton />
          ) : list.data.items.length === 0 ? (
            <Empty icon={<IconMail size={24} />} title={t('mail.log.empty')} description={t('mail.log.emptyText')} />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('mail.created')}</Table.Th>
                      <Table.Th>{t('mail.log.recipient')}</Table.Th>
                      <Table.Th>{t('mail.subject')}</Table.Th>
                      <Table.Th>{t('mail.log.type')}</Table.Th>
                      <Table.Th>{t('mail.status')}</Table.Th>
                      <Table.Th>{t('mail.attempts')}</Table.Th>
                      <Table.Th>{t('mail.lastError')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {list.data.items.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>
                          <Text size="xs">{formatDateTime(m.createdAt, true)}</Text>
                        </Table.Td>
                        <Table.Td>{m.to}</Table.Td>
                        <Table.Td miw={220}>
                          <AppLink to={`/hq/mail/messages/${m.id}`} size="sm" fw={600}>
                            {m.subject}
                          </AppLink>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="outline" color="gray" size="sm">
                            {typeLabel(m.notificationType)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <MailStatusBadge status={m.status} />
                        </Table.Td>
                        <Table.Td>{m.attempts}</Table.Td>
                        <Table.Td maw={260}>
                          <Text size="xs" c="red">
                            {m.lastError ?? ''}
                          </Text>
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
