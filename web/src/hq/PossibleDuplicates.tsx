// A prospect's possible duplicates, found when the request arrived: the reasons in words, the score, a link to the
// customer or prospect, Dismiss, and for an organization customer "Approve into this organization".
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconCopy, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { ProspectDetail } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { duplicateReasonText } from '../ui/duplicateReasons.ts';
import { fullName } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';
import { Section } from '../ui/Section.tsx';
import { Trans, useTranslation } from 'react-i18next';

type Match = ProspectDetail['possibleDuplicates'][number];

function matchLink(match: Match) {
  const to = match.kind === 'customer' ? `/hq/customers/${encodeURIComponent(match.id)}` : `/hq/prospects/${encodeURIComponent(match.id)}`;
  return (
    <AppLink to={to} fw={600} size="sm">
      {match.name}
    </AppLink>
  );
}

export function PossibleDuplicates({ prospect }: { prospect: ProspectDetail }) {
  const { t } = useTranslation('hq');
  if (prospect.possibleDuplicates.length === 0) return null;
  return (
    <Section title={t('duplicates.title')}>
      <Stack gap="sm">
        {prospect.possibleDuplicates.map((match) => (
          <DuplicateRow key={match.matchId} prospect={prospect} match={match} />
        ))}
      </Stack>
    </Section>
  );
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['hq', 'prospect', id] });
    void queryClient.invalidateQueries({ queryKey: ['hq', 'prospects'] });
  };
}

function DuplicateRow({ prospect, match }: { prospect: ProspectDetail; match: Match }) {
  const { t } = useTranslation('hq');
  const refresh = useRefresh(prospect.id);
  const dismiss = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/prospects/{id}/duplicates/{matchId}/dismiss', { params: { path: { id: prospect.id, matchId: match.matchId } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('duplicates.dismissed'), t('duplicates.dismissedText', { name: match.name }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const open = match.status === 'Open';
  const undecided = prospect.status === 'New';

  return (
    <Paper withBorder radius="sm" p="sm" bg={open ? undefined : 'gray.0'} data-testid="possible-duplicate" aria-label={t('duplicates.rowLabel', { name: match.name })}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              {match.kind === 'customer' ? <IconBuildingCommunity size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              {matchLink(match)}
            </Group>
            <Text size="xs" c="dimmed">
              {match.kind === 'customer' ? t('duplicates.organizationCustomer', { id: match.id }) : t('duplicates.prospect', { id: match.id })}
            </Text>
          </Stack>
          <Badge variant="light" color={match.score >= 60 ? 'orange' : 'gray'} title={t('duplicates.scoreTitle')}>
            {t('duplicates.score', { score: match.score })}
          </Badge>
        </Group>
        <Group gap={6}>
          {match.reasons.map((reason) => (
            <Badge key={reason} variant="outline" size="sm" color="gray">
              {duplicateReasonText(reason, match.nameSimilarity)}
            </Badge>
          ))}
        </Group>
        {!open ? (
          <Text size="xs" c="dimmed">
            {match.dismissedBy ? t('duplicates.dismissedBy', { name: match.dismissedBy }) : t('duplicates.dismissedNoOne')}
          </Text>
        ) : undecided ? (
          <Group gap="xs">
            {match.kind === 'customer' ? <ApproveIntoButton prospect={prospect} match={match} /> : null}
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
              {t('duplicates.dismiss')}
            </Button>
          </Group>
        ) : null}
        {dismiss.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(dismiss.error)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

function ApproveIntoButton({ prospect, match }: { prospect: ProspectDetail; match: Match }) {
  const { t } = useTranslation('hq');
  const [opened, { open, close }] = useDisclosure(false);
  const refresh = useRefresh(prospect.id);
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/hq/prospects/{id}/approve', { params: { path: { id: prospect.id } }, body: { organizationAccount: match.id } })),
    onSuccess: (result) => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'hierarchies'] });
      close();
      notifySuccess(t('duplicates.approvedInto'), t('duplicates.approvedIntoText', { person: fullName(prospect), hierarchy: result.hierarchyId }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const person = fullName(prospect);
  return (
    <>
      <Button size="xs" color="teal" onClick={open}>
        {t('duplicates.approveInto')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('duplicates.approveIntoTitle', { name: match.name })} centered size="lg">
        <Stack gap="md">
          <Text size="sm">
            <Trans t={t} i18nKey="duplicates.approveIntoText" values={{ person, email: prospect.email, name: match.name }} components={{ b: <b /> }} />
          </Text>
          <Text size="sm" c="dimmed">
            {t('prospectDecision.cannotBeUndone')}
          </Text>
          {approve.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(approve.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button color="teal" loading={approve.isPending} onClick={() => approve.mutate()}>
              {t('duplicates.approveIntoButton', { name: match.name })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
