// A prospect's possible duplicates, found when the request arrived: the reasons in words, the score, a link to the
// customer or prospect, Dismiss, and for an organization customer "Approve into this organization".
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconCopy, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { ProspectDetail } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { fullName } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';
import { Section } from '../ui/Section.tsx';

type Match = ProspectDetail['possibleDuplicates'][number];

/** A reason as a person says it; the name's similarity as a percentage. */
export function reasonText(reason: Match['reasons'][number], match: Pick<Match, 'nameSimilarity'>): string {
  switch (reason) {
    case 'email':
      return 'Same e-mail';
    case 'domain':
      return 'Same e-mail domain';
    case 'vat':
      return 'Same VAT number';
    case 'name':
      return `Similar company name ${Math.round((match.nameSimilarity ?? 0) * 100)} %`;
  }
}

function matchLink(match: Match) {
  const to = match.kind === 'customer' ? `/hq/customers/${encodeURIComponent(match.id)}` : `/hq/prospects/${encodeURIComponent(match.id)}`;
  return (
    <AppLink to={to} fw={600} size="sm">
      {match.name}
    </AppLink>
  );
}

export function PossibleDuplicates({ prospect }: { prospect: ProspectDetail }) {
  if (prospect.possibleDuplicates.length === 0) return null;
  return (
    <Section title="Possible duplicates">
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
  const refresh = useRefresh(prospect.id);
  const dismiss = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/prospects/{id}/duplicates/{matchId}/dismiss', { params: { path: { id: prospect.id, matchId: match.matchId } } })),
    onSuccess: () => {
      refresh();
      notifySuccess('Match dismissed', `${match.name} is no longer shown as a possible duplicate.`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const open = match.status === 'Open';
  const undecided = prospect.status === 'New';

  return (
    <Paper withBorder radius="sm" p="sm" bg={open ? undefined : 'gray.0'} data-testid="possible-duplicate" aria-label={`Possible duplicate: ${match.name}`}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              {match.kind === 'customer' ? <IconBuildingCommunity size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              {matchLink(match)}
            </Group>
            <Text size="xs" c="dimmed">
              {match.kind === 'customer' ? `Organization customer ${match.id}` : `Prospect ${match.id}`}
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
        ) : undecided ? (
          <Group gap="xs">
            {match.kind === 'customer' ? <ApproveIntoButton prospect={prospect} match={match} /> : null}
            <Button size="xs" variant="default" leftSection={<IconX size={14} />} loading={dismiss.isPending} onClick={() => dismiss.mutate()}>
              Dismiss
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
      notifySuccess('Approved into the organization', `${fullName(prospect)} is now a member of customer hierarchy ${result.hierarchyId}.`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const person = fullName(prospect);
  return (
    <>
      <Button size="xs" color="teal" onClick={open}>
        Approve into this organization
      </Button>
      <Modal opened={opened} onClose={close} title={`Approve into ${match.name}?`} centered size="lg">
        <Stack gap="md">
          <Text size="sm">
            No new organization customer is created. {person} ({prospect.email}) becomes a person customer and a <b>User</b> of {match.name}'s
            business partner, and gets an invitation to sign in. The partner's admins can make them Admin later.
          </Text>
          <Text size="sm" c="dimmed">
            The applicant's status page then shows the request as approved. This cannot be undone.
          </Text>
          {approve.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(approve.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="teal" loading={approve.isPending} onClick={() => approve.mutate()}>
              Approve into {match.name}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
