// One message as it was rendered: headers, the HTML (in a sandboxed frame) and the plain text; resend or release.
// Invitation and reset links are masked; an administrator can reveal those of a stored message (each reveal recorded).
import { Alert, Breadcrumbs, Button, Code, Group, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, errorMessage, unwrap } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { Details } from '../../ui/Details.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { MailHtml, MailText } from '../../ui/MailPreview.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { DetailSkeleton } from '../../ui/TableSkeleton.tsx';
import { useIsAdministrator } from '../useMe.ts';
import { MailStatusBadge, typeLabel } from './mailLabels.tsx';

export function MessagePage() {
  const { t } = useTranslation('hq');
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const message = useQuery({
    queryKey: ['mail', 'message', id],
    queryFn: () => unwrap(api.GET('/api/mail/messages/{id}', { params: { path: { id: Number(id) } } })),
    refetchInterval: 3000,
  });
  const act = useMutation({
    mutationFn: (action: 'resend' | 'release') =>
      action === 'resend'
        ? unwrap(api.POST('/api/mail/messages/{id}/resend', { params: { path: { id: Number(id) } } }))
        : unwrap(api.POST('/api/mail/messages/{id}/release', { params: { path: { id: Number(id) } } })),
    onSuccess: (_r, action) => {
      void queryClient.invalidateQueries({ queryKey: ['mail'] });
      notifySuccess(action === 'resend' ? t('mail.message.resent') : t('mail.message.released'));
    },
  });
  const isAdministrator = useIsAdministrator();
  const reveal = useMutation({
    mutationFn: () => unwrap(api.POST('/api/mail/messages/{id}/reveal', { params: { path: { id: Number(id) } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['mail', 'message', id] }),
  });
  const m = message.data;
  // The revealed bodies stay on this page only; the query keeps answering with masked links.
  const bodies = reveal.data ?? m;
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/mail">{t('mail.log.title')}</AppLink>
        <Text size="sm" c="dimmed">
          {id}
        </Text>
      </Breadcrumbs>
      {!m ? (
        message.isError ? <ErrorAlert error={message.error} title={t('mail.message.notLoaded')} /> : <DetailSkeleton />
      ) : (
        <Stack gap="lg">
          <PageHeader
            title={m.subject}
            badge={<MailStatusBadge status={m.status} />}
            description={t('mail.message.typeTo', { type: typeLabel(m.notificationType), to: m.to })}
            actions={
              <Group gap="sm">
                {m.status === 'Held' ? (
                  <Button loading={act.isPending} onClick={() => act.mutate('release')}>
                    {t('mail.message.release')}
                  </Button>
                ) : null}
                {['Sent', 'Failed', 'Stored'].includes(m.status) ? (
                  <Button variant="default" loading={act.isPending} onClick={() => act.mutate('resend')}>
                    {t('mail.message.resend')}
                  </Button>
                ) : null}
              </Group>
            }
          />
          {act.isError ? <Alert color="red" variant="light">{errorMessage(act.error)}</Alert> : null}
          <Paper withBorder radius="md" p="lg">
            <Details
              items={[
                [t('mail.message.to'), m.to],
                [t('mail.language'), m.language],
                [t('mail.message.messageId'), <Code key="id">{m.messageId}</Code>],
                [t('mail.created'), formatDateTime(m.createdAt, true)],
                [t('mail.statuses.Sent'), formatDateTime(m.sentAt, true)],
                [t('mail.attempts'), String(m.attempts)],
                [t('mail.message.nextAttempt'), m.nextAttemptAt ? formatDateTime(m.nextAttemptAt, true) : null],
                [t('mail.lastError'), m.lastError],
                [t('mail.message.linksRevealed'), m.reveals.length > 0 ? m.reveals.map((r) => `${r.by}, ${formatDateTime(r.at, true)}`).join('; ') : null],
              ]}
            />
          </Paper>
          {m.linksHidden && m.status === 'Stored' && !reveal.data ? (
            <Alert color="yellow" variant="light" title={t('mail.message.linksHidden')}>
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  {t('mail.message.cannotReceive')} {isAdministrator ? t('mail.message.canReveal') : t('mail.message.onlyAdminReveals')}
                </Text>
                {isAdministrator ? (
                  <Button size="xs" variant="default" loading={reveal.isPending} onClick={() => reveal.mutate()}>
                    {t('mail.message.reveal')}
                  </Button>
                ) : null}
                {reveal.isError ? <Text size="sm" c="red">{errorMessage(reveal.error)}</Text> : null}
              </Stack>
            </Alert>
          ) : null}
          <Paper withBorder radius="md" p="lg">
            <Tabs defaultValue="html">
              <Tabs.List>
                <Tabs.Tab value="html">HTML</Tabs.Tab>
                <Tabs.Tab value="text">{t('mail.plainText')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html" pt="md">
                <MailHtml title={t('mail.message.html')} html={bodies?.html} />
              </Tabs.Panel>
              <Tabs.Panel value="text" pt="md">
                <MailText text={bodies?.text} />
              </Tabs.Panel>
            </Tabs>
          </Paper>
        </Stack>
      )}
    </>
  );
}
