// Questions to the applicant on a case: ask one (mailed with a status link), read the answers, download their files.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Anchor, Badge, Button, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { currentLocale, formatDateTime } from '../../ui/format.ts';
import { Section } from '../../ui/Section.tsx';
import type { CaseDetail } from './caseLabels.ts';

type Question = CaseDetail['questions'][number];

const caseKey = (id: string) => ['hq', 'onboarding-case', id] as const;
const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function CaseQuestions({ caseId }: { caseId: string }) {
  const { t } = useTranslation('hq');
  // The case page's own query: the questions come with the case.
  const found = useQuery({ queryKey: caseKey(caseId), queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases/{id}', { params: { path: { id: caseId } } })) });
  const c = found.data;
  if (!c) return null;
  const decided = c.status === 'Approved' || c.status === 'Rejected';
  return (
    <Section title={t('onboarding.questions.title')}>
      <Stack gap="lg">
        {c.questions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('onboarding.questions.empty')}
          </Text>
        ) : (
          <Stack component="ol" gap="md" style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('onboarding.questions.list')}>
            {c.questions.map((q) => (
              <QuestionItem key={q.id} caseId={caseId} question={q} />
            ))}
          </Stack>
        )}
        {decided ? (
          <Text size="sm" c="dimmed">
            {t('onboarding.questions.decided')}
          </Text>
        ) : (
          <AskForm caseId={caseId} />
        )}
      </Stack>
    </Section>
  );
}

function QuestionItem({ caseId, question: q }: { caseId: string; question: Question }) {
  const { t } = useTranslation('hq');
  return (
    <li>
      <Stack gap={4}>
        <Text fw={600} style={{ whiteSpace: 'pre-wrap' }}>
          {q.text}
        </Text>
        <Text size="xs" c="dimmed">
          {t('onboarding.questions.asked', { name: q.askedBy, system: q.askedIn === 'sales' ? 'CRM' : 'HQ', at: formatDateTime(q.askedAt) })}
        </Text>
        {q.answer ? (
          <>
            <Group gap="xs">
              <Badge color="teal" variant="light">
                {t('onboarding.questions.answered')}
              </Badge>
              <Text size="xs" c="dimmed">
                {formatDateTime(q.answer.at)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {q.answer.text}
            </Text>
            {q.answer.attachments.length > 0 ? (
              <List size="sm" icon={<IconPaperclip size={14} aria-hidden />} aria-label={t('onboarding.questions.files')}>
                {q.answer.attachments.map((f) => (
                  <List.Item key={f.id}>
                    {/* Always a download (the server says attachment and nosniff): never opened as a page. */}
                    <Anchor href={`/api/hq/onboarding-cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(f.id)}`} download={f.fileName}>
                      {f.fileName}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      ({f.mediaType}, {sizeText(f.size)})
                    </Text>
                  </List.Item>
                ))}
              </List>
            ) : null}
          </>
        ) : (
          <Badge color="grape" variant="light">
            {t('common:status.WaitingForApplicant')}
          </Badge>
        )}
      </Stack>
    </li>
  );
}

function AskForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const ask = useMutation({
    mutationFn: (body: { text: string }) => unwrap(api.POST('/api/hq/onboarding-cases/{id}/questions', { params: { path: { id: caseId } }, body })),
    onSuccess: async () => {
      setText('');
      setError(undefined);
      await queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
      await queryClient.invalidateQueries({ queryKey: ['hq', 'onboarding-cases'] });
    },
    onError: (e) => setError(e instanceof ApiError ? e.problem.detail : t('onboarding.questions.notSent')),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError(t('onboarding.questions.required'));
    if (text.length > 2000) return setError(t('onboarding.questions.tooLong', { max: new Intl.NumberFormat(currentLocale()).format(2000) }));
    ask.mutate({ text });
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('onboarding.questions.ask')}
          description={t('onboarding.questions.askHelp')}
          autosize
          minRows={2}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
        />
        <Group>
          <Button type="submit" loading={ask.isPending}>
            {t('onboarding.questions.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
