// A lead's possible duplicates, found when the lead was created: the reasons in words, the score, a link to the
// matched lead, contact or account, Dismiss, and for an account "Qualify into this account".
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAddressBook, IconBuilding, IconCopy, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { LeadDetail } from '../api/client.ts';
import { reasonText } from '../hq/PossibleDuplicates.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { fullName } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';
import { Section } from '../ui/Section.tsx';

type Match = LeadDetail['possibleDuplicates'][number];

const kinds = {
  lead: { word: 'Lead', path: 'leads', icon: IconCopy },
  contact: { word: 'Contact', path: 'contacts', icon: IconAddressBook },
  account: { word: 'Account', path: 'accounts', icon: IconBuilding },
} as const;

export function LeadDuplicates({ lead }: { lead: LeadDetail }) {
  if (lead.possibleDuplicates.length === 0) return null;
  return (
    <Section title="Possible duplicates">
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
  const dismiss = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sales/leads/{id}/duplicates/{matchId}/dismiss', { params: { path: { id: lead.id, matchId: match.matchId } } })),
    onSuccess: () => {
      refresh();
      notifySuccess('Match dismissed', `${match.name} is no longer shown as a possible duplicate.`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const open = match.status === 'Open';
  const kind = kinds[match.kind];
  const Icon = kind.icon;
  return (
    <Paper withBorder radius="sm" p="sm" bg={open ? undefined : 'gray.0'} aria-label={`Possible duplicate: ${match.name}`} role="group">
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
              {kind.word}
            </Text>
          </Stack>
          <Badge variant="light" color={match.score >= 60 ? 'orange' : 'gray'} title="How alike they are, 0–100">
            Score {match.score}
          </Badge>
        </Group>
        <Group gap={6}>
          {match.reasons.map((reason) => (
            <Badge key={reason} variant="outline" size="sm" color="gray">
              {reasonText(reason, match)}
            </Badge>
          ))}
        </Group>
        {!open ? (
          <Text size="xs" c="dimmed">
            Dismissed{match.dismissedBy ? ` by ${match.dismissedBy}` : ''}.
          </Text>
        ) : (
          <Group gap="xs">
            {match.kind === 'account' && lead.state === 'Open' ? <QualifyIntoButton lead={lead} match={match} /> : null}
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
              Dismiss
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
  const qualify = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sales/leads/{id}/qualify', { params: { path: { id: lead.id } }, body: { existingAccountId: match.id, ignoreDuplicates: true } })),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['sales'] });
      close();
      notifySuccess('Lead qualified into the account', `The opportunity and the contact belong to ${match.name}.`);
      if (result.opportunityId) void navigate(`/sales/opportunities/${result.opportunityId}`);
    },
  });
  const person = fullName({ firstName: lead.firstName ?? undefined, lastName: lead.lastName });
  return (
    <>
      <Button size="xs" color="teal" onClick={open}>
        Qualify into this account
      </Button>
      <Modal opened={opened} onClose={close} title={`Qualify into ${match.name}?`} centered size="lg">
        <Stack gap="md">
          <Text size="sm">
            No new account is created. The opportunity and a new contact for {person}
            {lead.email ? ` (${lead.email})` : ''} belong to {match.name}. When the opportunity is won, {person} becomes a <b>User</b> of {match.name}'s
            business partner in HQ, with no second organization customer.
          </Text>
          {qualify.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(qualify.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="teal" loading={qualify.isPending} onClick={() => qualify.mutate()}>
              Qualify into {match.name}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
