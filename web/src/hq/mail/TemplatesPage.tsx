// E-mail templates per notification type and language; each opens in the editor.
import { Badge, Paper, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { TableSkeleton } from '../../ui/TableSkeleton.tsx';
import { typeLabel } from './mailLabels.tsx';

export function TemplatesPage() {
  const { t } = useTranslation('hq');
  const templates = useQuery({ queryKey: ['mail', 'templates'], queryFn: () => unwrap(api.GET('/api/mail/templates')) });
  return (
    <>
      <PageHeader title={t('mail.templates.title')} description={t('mail.templates.description')} />
      <Paper withBorder radius="md" p="md">
        {!templates.data ? (
          templates.isError ? <ErrorAlert error={templates.error} title={t('mail.templates.notLoaded')} /> : <TableSkeleton />
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mail.notificationType')}</Table.Th>
                <Table.Th>{t('mail.language')}</Table.Th>
                <Table.Th>{t('mail.subject')}</Table.Th>
                <Table.Th>{t('mail.templates.changed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((template) => (
                <Table.Tr key={template.id}>
                  <Table.Td>
                    <AppLink to={`/hq/mail/templates/${template.id}`} fw={600} size="sm">
                      {typeLabel(template.type, template.typeLabel)}
                    </AppLink>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="outline" color="gray">
                      {template.language}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{template.subject}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(template.updatedAt)}
                      {template.updatedBy ? ` ${t('mail.templates.by', { name: template.updatedBy })}` : ''}
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
