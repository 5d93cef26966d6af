// E-mail templates per notification type and language; each opens in the editor.
import { Badge, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';

export function TemplatesPage() {
  const templates = useQuery({ queryKey: ['mail', 'templates'], queryFn: () => unwrap(api.GET('/api/mail/templates')) });
  return (
    <>
      <PageHeader title="E-mail templates" description="What each notification says, per language, with placeholders filled in when it is sent." />
      <Paper withBorder radius="md" p="md">
        {!templates.data ? (
          templates.isError ? <ErrorAlert error={templates.error} title="The templates could not be loaded" /> : <TableSkeleton />
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Notification type</Table.Th>
                <Table.Th>Language</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Changed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <AppLink to={`/hq/mail/templates/${t.id}`} fw={600} size="sm">
                      {t.typeLabel}
                    </AppLink>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color="gray">
                      {t.language}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.subject}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(t.updatedAt)}
                      {t.updatedBy ? ` by ${t.updatedBy}` : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
