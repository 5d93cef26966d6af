// Edit a template: subject, HTML and plain-text bodies, the placeholders it may use, a preview with sample values,
// and a test message to an address. The server refuses an unknown placeholder or an empty subject, naming it.
import { Alert, Badge, Breadcrumbs, Button, Code, Grid, Group, Paper, Stack, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, errorMessage, unwrap } from '../../api/client.ts';
import type { MailTemplate } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { notifySuccess } from '../../ui/notify.ts';
import { MailHtml, MailText } from '../../ui/MailPreview.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { fieldErrorsFrom } from '../../ui/problems.ts';
import { DetailSkeleton } from '../../ui/TableSkeleton.tsx';
import { typeLabel } from './mailLabels.tsx';

export function TemplateEditorPage() {
  const { t } = useTranslation('hq');
  const { id = '' } = useParams();
  const template = useQuery({ queryKey: ['mail', 'template', id], queryFn: () => unwrap(api.GET('/api/mail/templates/{id}', { params: { path: { id: Number(id) } } })) });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/mail/templates">{t('mail.templates.title')}</AppLink>
        <Text size="sm" c="dimmed">
          {template.data ? typeLabel(template.data.type, template.data.typeLabel) : id}
        </Text>
      </Breadcrumbs>
      {template.data ? <Editor key={template.data.updatedAt} template={template.data} /> : template.isError ? <ErrorAlert error={template.error} title={t('mail.editor.notLoaded')} /> : <DetailSkeleton />}
    </>
  );
}

type Field = 'subject' | 'html' | 'text';

function Editor({ template }: { template: MailTemplate }) {
  const { t } = useTranslation('hq');
  const [values, setValues] = useState({ subject: template.subject, html: template.html, text: template.text });
  const [to, setTo] = useState('');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/mail/templates/{id}', { params: { path: { id: template.id } }, body: values })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['mail', 'template', String(template.id)], saved);
      void queryClient.invalidateQueries({ queryKey: ['mail', 'templates'] });
      notifySuccess(t('mail.editor.saved'));
    },
  });
  const preview = useMutation({ mutationFn: () => unwrap(api.POST('/api/mail/templates/preview', { body: { type: template.type, ...values } })) });
  const test = useMutation({
    mutationFn: () => unwrap(api.POST('/api/mail/templates/{id}/test', { params: { path: { id: template.id } }, body: { to } })),
    onSuccess: () => notifySuccess(t('mail.editor.testQueued'), t('mail.editor.testQueuedText')),
  });
  const errors = fieldErrorsFrom<Field>(save.error ?? preview.error, (path) => (['subject', 'html', 'text'].includes(path) ? (path as Field) : undefined));
  const set = (field: Field) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <>
      <PageHeader
        title={typeLabel(template.type, template.typeLabel)}
        badge={<Badge variant="outline">{template.language}</Badge>}
        description={t('mail.editor.description')}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder radius="md" p="lg">
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="sm">
                <TextInput label={t('mail.subject')} required value={values.subject} onChange={set('subject')} error={errors.subject} />
                <Textarea label={t('mail.editor.htmlBody')} autosize minRows={6} maxRows={20} value={values.html} onChange={set('html')} error={errors.html} styles={{ input: { fontFamily: 'monospace' } }} />
                <Textarea label={t('mail.editor.textBody')} autosize minRows={4} maxRows={16} value={values.text} onChange={set('text')} error={errors.text} />
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {t('mail.editor.placeholders')}
                  </Text>
                  {template.placeholders.map((p) => (
                    <Code key={p}>%{p}%</Code>
                  ))}
                </Group>
                {save.isError && Object.keys(errors).length === 0 ? <Alert color="red" variant="light">{errorMessage(save.error)}</Alert> : null}
                <Group justify="flex-end">
                  <Button variant="default" loading={preview.isPending} onClick={() => preview.mutate()}>
                    {t('mail.editor.preview')}
                  </Button>
                  <Button type="submit" loading={save.isPending}>
                    {t('mail.editor.save')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="lg">
              <Text fw={700} mb="sm">
                {t('mail.editor.previewTitle')}
              </Text>
              {preview.data ? (
                <Stack gap="sm">
                  <Text size="sm">
                    <b>{t('mail.editor.subjectLabel')}</b> <span data-testid="preview-subject">{preview.data.subject}</span>
                  </Text>
                  <Tabs defaultValue="html">
                    <Tabs.List>
                      <Tabs.Tab value="html">HTML</Tabs.Tab>
                      <Tabs.Tab value="text">{t('mail.plainText')}</Tabs.Tab>
                    </Tabs.List>
                    <Tabs.Panel value="html" pt="sm">
                      <MailHtml title={t('mail.editor.preview')} html={preview.data.html} minHeight={220} />
                    </Tabs.Panel>
                    <Tabs.Panel value="text" pt="sm">
                      <MailText text={preview.data.text} />
                    </Tabs.Panel>
                  </Tabs>
                </Stack>
              ) : preview.isError ? (
                <Alert color="red" variant="light">{errorMessage(preview.error)}</Alert>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('mail.editor.previewHint')}
                </Text>
              )}
            </Paper>
            <Paper withBorder radius="md" p="lg">
              <Stack gap="sm">
                <TextInput
                  label={t('mail.editor.testTo')}
                  type="email"
                  value={to}
                  onChange={(e) => setTo(e.currentTarget.value)}
                  placeholder={t('mail.editor.testToPlaceholder')}
                />
                {test.isError ? <Alert color="red" variant="light">{errorMessage(test.error)}</Alert> : null}
                <Group justify="flex-end">
                  <Button variant="light" loading={test.isPending} disabled={!to.trim()} onClick={() => test.mutate()}>
                    {t('mail.editor.sendTest')}
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
