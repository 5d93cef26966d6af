// The applicant's private status page: where the request stands, refreshed every few seconds.
import { Alert, Button, Container, Group, Paper, Skeleton, Stack, Stepper, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLinkOff, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isStatus, unwrap } from '../api/client.ts';
import type { RequestStatusView } from '../api/client.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { useStoreName } from './useStoreName.ts';
import { ApplicantQuestions, useApplicantQuestions } from './ApplicantQuestions.tsx';

/** Steps before `active` are done; the step at `active` is the one the request waits on. */
const activeStep: Record<RequestStatusView['status'], number> = { Received: 1, InReview: 2, Approved: 3, Rejected: 3 };

export function RequestStatusPage() {
  const { t } = useTranslation('storefront');
  const { token = '' } = useParams();
  const storeName = useStoreName();
  useDocumentTitle(`${t('status.title')} · ${storeName}`);
  const status = useQuery({
    queryKey: ['store', 'request-status', token],
    queryFn: () => unwrap(api.GET('/api/store/partner-requests/status/{token}', { params: { path: { token } } })),
    // Every 5 s while the link is valid; a 404 will not heal by asking again.
    refetchInterval: (query) => (isStatus(query.state.error, 404) ? false : 5000),
    retry: false,
  });

  return (
    <Container size="sm" py={48}>
      {status.isPending ? (
        <Stack gap="md" aria-busy="true" aria-label={t('status.loading')}>
          <Skeleton height={36} width="60%" />
          <Skeleton height={18} width="40%" />
          <Skeleton height={220} radius="md" />
        </Stack>
      ) : status.isError && isStatus(status.error, 404) ? (
        <NotValid />
      ) : status.isError ? (
        <ErrorAlert error={status.error} title={t('status.loadFailed')} />
      ) : (
        <StatusCard view={status.data} token={token} />
      )}
    </Container>
  );
}

function NotValid() {
  const { t } = useTranslation('storefront');
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" ta="center" gap="sm">
        <ThemeIcon size={56} radius="xl" color="gray" variant="light">
          <IconLinkOff size={30} />
        </ThemeIcon>
        <Title order={1} fz={26}>
          {t('status.notValid')}
        </Title>
        <Text c="dimmed" maw={420}>
          {t('status.notValidHint')}
        </Text>
        <Button component={Link} to="/partner/sign-up" variant="light">
          {t('signUp.title')}
        </Button>
      </Stack>
    </Paper>
  );
}

function StatusCard({ view, token }: { view: RequestStatusView; token: string }) {
  const { t } = useTranslation('storefront');
  const rejected = view.status === 'Rejected';
  // While a question of the partner team is unanswered, the request waits for the applicant (the same word as in HQ).
  const waiting = useApplicantQuestions(token).data?.waitingForApplicant === true && (view.status === 'Received' || view.status === 'InReview');
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Text c="dimmed" size="sm">
          {t('status.requestTo', { storeName: view.storeName })}
        </Text>
        <Group gap="sm" align="center">
          <Title order={1} style={{ overflowWrap: 'anywhere' }}>
            {view.companyName}
          </Title>
          <StatusBadge status={waiting ? 'WaitingForApplicant' : view.status} size="lg" />
        </Group>
        <Text c="dimmed" size="sm">
          {t('status.submittedOn', { date: formatDate(view.submittedAt) })}
        </Text>
      </Stack>

      <Paper withBorder radius="md" p="xl">
        <Stepper active={activeStep[view.status]} size="sm" color={rejected ? 'red' : 'teal'} allowNextStepsSelect={false}>
          <Stepper.Step label={t('status.steps.received')} description={t('status.steps.sent')} />
          <Stepper.Step label={t('status.steps.inReview')} description={t('status.steps.partnerTeam')} />
          <Stepper.Step
            label={t('status.steps.decision')}
            description={rejected ? t('status.steps.notAccepted') : view.status === 'Approved' ? t('status.steps.approved') : t('status.steps.pending')}
            {...(rejected ? { completedIcon: <IconX size={18} /> } : {})}
          />
        </Stepper>
        <Text mt="xl">{waiting ? t('status.waiting') : t(`status.text.${view.status}`, { defaultValue: view.statusText })}</Text>
        {view.decisionNote ? (
          <Alert mt="md" color={rejected ? 'red' : 'teal'} variant="light" title={t('status.note')}>
            {view.decisionNote}
          </Alert>
        ) : null}
        <Text mt="lg" size="xs" c="dimmed">
          {t('status.updated', { time: formatDateTime(view.updatedAt) })}
        </Text>
      </Paper>
      <ApplicantQuestions token={token} />
    </Stack>
  );
}
