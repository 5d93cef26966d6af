// The partner team's questions on the applicant's status page, and the form to answer one with up to 3 files.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, FileInput, Group, List, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { formatDateTime } from '../ui/format.ts';

type Answers = paths['/api/store/partner-requests/status/{token}/answers']['get']['responses'][200]['content']['application/json'];
type Question = Answers['questions'][number];

const maxFiles = 3;
const maxBytes = 5 * 1024 * 1024;

/** The questions of a request (refreshed with the status); `waitingForApplicant` while one is unanswered. */
export function useApplicantQuestions(token: string) {
  return useQuery({
    queryKey: ['store', 'request-answers', token],
    queryFn: () => unwrap(api.GET('/api/store/partner-requests/status/{token}/answers', { params: { path: { token } } })),
    refetchInterval: 5000,
    retry: false,
  });
}

export function ApplicantQuestions({ token }: { token: string }) {
  const { t } = useTranslation('storefront');
  const answers = useApplicantQuestions(token);
  const questions = answers.data?.questions ?? [];
  if (questions.length === 0) return null;
  return (
    <Paper withBorder radius="md" p="xl" component="section" aria-labelledby="questions-title">
      <Title order={2} fz={20} id="questions-title" mb="md">
        {t('questions.title')}
      </Title>
      <Stack gap="xl">
        {questions.map((q) => (q.answer ? <Answered key={q.id} question={q} /> : <AnswerForm key={q.id} token={token} question={q} />))}
      </Stack>
    </Paper>
  );
}

function Answered({ question }: { question: Question }) {
  const { t } = useTranslation('storefront');
  const answer = question.answer!;
  return (
    <Stack gap={6}>
      <Text fw={600} style={{ whiteSpace: 'pre-wrap' }}>
        {question.text}
      </Text>
      <Group gap="xs">
        <Badge color="teal" variant="light">
          {t('questions.answered')}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatDateTime(answer.at)}
        </Text>
      </Group>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{answer.text}</Text>
      {answer.attachments.length > 0 ? (
        <List size="sm" icon={<IconPaperclip size={14} aria-hidden />}>
          {answer.attachments.map((f, i) => (
            <List.Item key={i}>
              {f.fileName} ({Math.ceil(f.size / 1024)} KB)
            </List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  );
}

function AnswerForm({ token, question }: { token: string; question: Question }) {
  const { t } = useTranslation('storefront');
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<{ text?: string; files?: string; form?: string }>({});
  const textId = `answer-${question.id}`;

  const send = useMutation({
    mutationFn: async () => {
      const form = new FormData();
      form.append('questionId', question.id);
      form.append('text', text);
      for (const file of files) form.append('files', file, file.name);
      const response = await fetch(`/api/store/partner-requests/status/${encodeURIComponent(token)}/answers`, { method: 'POST', body: form, credentials: 'same-origin' });
      if (!response.ok) {
        const problem = await response.json().catch(() => undefined);
        throw new ApiError(problem && typeof problem.detail === 'string' ? problem : { type: 'about:blank', title: 'Error', status: response.status, detail: t('questions.serverAnswered', { status: response.status }) });
      }
    },
    onSuccess: async () => {
      setText('');
      setFiles([]);
      await queryClient.invalidateQueries({ queryKey: ['store'] });
    },
    onError: (error) => {
      const detail = error instanceof ApiError ? error.problem.detail : t('questions.notSentRetry');
      const path = error instanceof ApiError ? (error.fieldErrors[0]?.path ?? '') : '';
      setErrors(path.startsWith('files') ? { files: detail } : path === 'text' ? { text: detail } : { form: detail });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    // The same limits as the server, said before the upload; the server checks the content again.
    const next: typeof errors = {};
    if (!text.trim()) next.text = t('questions.writeAnswer');
    else if (text.length > 5000) next.text = t('questions.tooLong');
    if (files.length > maxFiles) next.files = t('questions.tooManyFiles', { count: maxFiles });
    const big = files.find((f) => f.size > maxBytes);
    if (big) next.files = t('questions.tooBig', { file: big.name });
    setErrors(next);
    if (Object.keys(next).length === 0) send.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${textId}-question`}>
      <Stack gap="sm">
        <div>
          <Text fw={600} id={`${textId}-question`} style={{ whiteSpace: 'pre-wrap' }}>
            {question.text}
          </Text>
          <Text size="xs" c="dimmed">
            {t('questions.asked', { at: formatDateTime(question.askedAt) })}
          </Text>
        </div>
        <Textarea id={textId} label={t('questions.yourAnswer')} required autosize minRows={3} maxLength={5000} value={text} onChange={(e) => setText(e.currentTarget.value)} error={errors.text} />
        <FileInput
          label={t('questions.files')}
          description={t('questions.filesHint')}
          placeholder={t('questions.chooseFiles')}
          multiple
          clearable
          accept="application/pdf,image/png,image/jpeg"
          value={files}
          onChange={(value) => setFiles(value)}
          error={errors.files}
        />
        {errors.form ? (
          <Alert color="red" role="alert" title={t('questions.notSent')}>
            {errors.form}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={send.isPending}>
            {t('questions.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
