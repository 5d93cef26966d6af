// The delivery log: every message with its recipient, type, status, attempts and last error; open one to read it.
import { Alert, Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
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
import { MailStatusBadge, typeLabel } from './mailLabels.tsx';

const limit = 25;
const statuses = ['', 'Queued', 'Held', 'Sent', 'Failed', 'Stored'] as const;

export function useMailSettings() {
  return useQuery({ queryKey: ['mail', 'settings'], queryFn: () => unwrap(api.GET('/api/mail/settings')), staleTime: 60_000 });
}

export function DeliveryLogPage() {
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
        title="Delivery log"
        description="Every e-mail the product wrote, and what became of it."
        actions={
          <Group gap="sm">
            <Button component={Link} to="/hq/mail/templates" variant="default">
              E-mail templates
            </Button>
            <Button component={Link} to="/hq/mail/profiles" variant="default">
              Notification profiles
            </Button>
          </Group>
        }
      />
      {settings.data && !settings.data.smtp ? (
        <Alert color="yellow" variant="light" mb="md" title="No SMTP server is configured">
          Messages are kept in the local mailbox below and are not sent. Set SMTP_URL to send them.
        </Alert>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <NativeSelect label="Status" data={statuses.map((s) => ({ value: s, label: s || 'All' }))} value={status ?? ''} onChange={(e) => setFilters({ status: e.currentTarget.value, offset: '0' })} />
            <SearchInput value={filters.to} onSearch={onSearch} placeholder="Recipient or subject" />
            <DateRangeFilter from={from} to={until} onChange={(range) => setFilters({ ...('from' in range ? { from: range.from } : { until: range.to }), offset: '0' })} label="Queued" />
            <ExportCsvButton path="/api/mail/messages" query={listQuery} />
          </Group>
          {!list.data ? (
            list.isError ? <ErrorAlert error={list.error} title="The delivery log could not be loaded" /> : <TableSkeleton />
          ) : list.data.items.length === 0 ? (
            <Empty icon={<IconMail size={24} />} title="No messages" description="Messages appear here when a partner request arrives or a prospect is decided." />
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Created</Table.Th>
                      <Table.Th>Recipient</Table.Th>
                      <Table.Th>Subject</Table.Th>
                      <Table.Th>Type</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Attempts</Table.Th>
                      <Table.Th>Last error</Table.Th>
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
