// A lead's possible duplicates, found when the lead was created: the reasons in words, the score, a link to the
// matched lead, contact or account, Dismiss, and for an account "Qualify into this account".
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconBuilding, IconCopy, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { LeadDetail } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { duplicateReasonText } from '../ui/duplicateReasons.ts';
import { fullName } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';
import { Section } from '../ui/Section.tsx';

type Match = LeadDetail['possibleDuplicates'][number];

const kinds = {
  lead: { path: 'leads', icon: IconCopy },
  contact: { path: 'contacts', icon: IconAddressBook },
  account: { path: 'accounts', icon: IconBuilding },
} as const;

export function LeadDuplicates({ lead }: { lead: LeadDetail }) {
  const { t } = useTranslation('sales');
  if (lead.possibleDuplicates.length === 0) return null;
  return (
    <Section title={t('duplicates.title')}>
      <Stack gap="sm">
        {lead.possibleDuplicates.map((match) => (
          <DuplicateRow key={match.matchId} lead={lead} match={match} />
        ))}
      </Stack>
    </Section>
  );
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['sales', 'lead', id] });
}

function DuplicateRow({ lead, match }: { lead: LeadDetail; match: Match }) {
  const refresh = useRefresh(lead.id);
  const { t } = useTranslation('sales');
  const dismiss = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sales/leads/{id}/duplicates/{matchId}/dismiss', { params: { path: { id: lead.id, matchId: match.matchId } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('duplicates.dismissed'), t('duplicates.dismissedText', { name: match.name }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const open = match.status === 'Open';
  const kind = kinds[match.kind];
  const Icon = kind.icon;
  return (
    <Paper withBorder radius="sm" p="sm" bg={open ? undefined : 'gray.0'} aria-label={t('duplicates.matchLabel', { name: match.name })} role="group">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Icon size={16} aria-hidden />
              <AppLink to={`/sales/${kind.path}/${encodeURIComponent(match.id)}`} fw={600} size="sm">
                {match.name}
              </AppLink>
            </Group>
            <Text size="xs" c="dimmed">
              {t(`duplicates.kinds.${match.kind}`)}
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
        ) : (
          <Group gap="xs">
            {match.kind === 'account' && lead.state === 'Open' ? <QualifyIntoButton lead={lead} match={match} /> : null}
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
              {t('duplicates.dismiss')}
            </Button>
          </Group>
        )}
        {dismiss.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(dismiss.error)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** Qualifies the lead with the matched account: the opportunity and the new contact belong to it, no second account. */
function QualifyIntoButton({ lead, match }: { lead: LeadDetail; match: Match }) {
  const [opened, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { t } = useTranslation('sales');
  const qualify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sales/leads/{id}/qualify', { params: { path: { id: lead.id } }, body: { existingAccountId: match.id, ignoreDuplicates: true } })),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['sales'] });
      close();
      notifySuccess(t('duplicates.qualifiedInto'), t('duplicates.qualifiedIntoText', { name: match.name }));
      if (result.opportunityId) void navigate(`/sales/opportunities/${result.opportunityId}`);
    },
  });
  const person = fullName({ firstName: lead.firstName ?? undefined, lastName: lead.lastName });
  return (
    <>
      <Button size="xs" color="teal" onClick={open}>
        {t('duplicates.qualifyInto')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('duplicates.qualifyIntoTitle', { name: match.name })} centered size="lg">
        <Stack gap="md">
          <Text size="sm">
            <Trans
              t={t}
              i18nKey={lead.email ? 'duplicates.qualifyIntoTextWithEmail' : 'duplicates.qualifyIntoText'}
              values={{ person, email: lead.email, account: match.name }}
              components={{ b: <b /> }}
            />
          </Text>
          {qualify.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(qualify.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button color="teal" loading={qualify.isPending} onClick={() => qualify.mutate()}>
              {t('duplicates.qualifyIntoSubmit', { name: match.name })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
