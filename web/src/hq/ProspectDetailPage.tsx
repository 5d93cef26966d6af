// One prospect: who asked, from where, the requests behind it, and the decision (or the buttons to make it).
import { Anchor, Breadcrumbs, Grid, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { ProspectDetail } from '../api/client.ts';
import { AddressText } from '../ui/AddressText.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import type { DetailItem } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, fullName } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { ProspectDecision } from './ProspectDecision.tsx';
import { PossibleDuplicates } from './PossibleDuplicates.tsx';
import { ProspectCaseLink, ProspectLeadLink } from './onboarding/CaseLinks.tsx';

export function ProspectDetailPage() {
  const { id = '' } = useParams();
  const prospect = useQuery({
    queryKey: ['hq', 'prospect', id],
    queryFn: () => unwrap(api.GET('/api/hq/prospects/{id}', { params: { path: { id } } })),
  });

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/prospects">All prospects</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Breadcrumbs>
      {prospect.data ? (
        <ProspectView prospect={prospect.data} />
      ) : prospect.isError ? (
        <ErrorAlert error={prospect.error} title="The prospect could not be loaded" />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

function ProspectView({ prospect }: { prospect: ProspectDetail }) {
  return (
    <>
      <PageHeader
        title={prospect.companyName}
        badge={<StatusBadge status={prospect.status} size="lg" />}
        description={`B2B prospect ${prospect.id} · received ${formatDateTime(prospect.createdAt)}`}
        actions={prospect.status === 'New' ? <ProspectDecision prospect={prospect} /> : null}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {prospect.status !== 'New' ? <Decision prospect={prospect} /> : null}
            <PossibleDuplicates prospect={prospect} />
            <Section title="Contact">
              <Details
                items={[
                  ['Name', fullName(prospect)],
                  ['E-mail', <Anchor href={`mailto:${prospect.email}`} size="sm">{prospect.email}</Anchor>],
                  ['Phone', prospect.phone],
                  ['VAT number', prospect.vatNumber],
                  ['Language', prospect.language],
                ]}
              />
            </Section>
            <Section title="Address">
              <AddressText address={prospect.address} />
            </Section>
            <Section title="Comments">
              {prospect.comments ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {prospect.comments}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  No comments.
                </Text>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Section title="Channel">
              <Details
                items={[
                  ['Online store', prospect.channel],
                  ['Type', 'B2B prospect'],
                  ['Lead', <ProspectLeadLink prospectId={prospect.id} leadId={prospect.leadId} />],
                  ['Onboarding case', <ProspectCaseLink prospectId={prospect.id} />],
                  ['Last changed', formatDateTime(prospect.updatedAt)],
                ]}
              />
            </Section>
            <Section title="Channel requests">
              <Requests prospect={prospect} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Requests({ prospect }: { prospect: ProspectDetail }) {
  if (prospect.requests.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No channel requests.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {prospect.requests.map((request) => (
        <Paper key={request.id} withBorder radius="sm" p="sm" bg="gray.0">
          <Text size="sm" fw={600}>
            Submitted {formatDateTime(request.submittedAt)}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {request.id}
          </Text>
          {request.comments ? (
            <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {request.comments}
            </Text>
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}

function customerLink(account: string | undefined) {
  return account ? (
    <AppLink to={`/hq/customers/${encodeURIComponent(account)}`} size="sm" ff="monospace">
      {account}
    </AppLink>
  ) : undefined;
}

function Decision({ prospect }: { prospect: ProspectDetail }) {
  const approved = prospect.status === 'Approved';
  const items: DetailItem[] = [
    ['Decision', <StatusBadge status={prospect.status} />],
    ['Decided by', prospect.decidedBy],
    ['Decided at', formatDateTime(prospect.decidedAt)],
  ];
  if (approved) {
    items.push(['Organization customer', customerLink(prospect.customerAccount)]);
    items.push(['Person customer', customerLink(prospect.personCustomerAccount)]);
  }
  if (prospect.rejectionReason) {
    items.push([
      'Reason',
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {prospect.rejectionReason}
      </Text>,
    ]);
  }
  return (
    <Section title="Decision">
      <Stack gap="md">
        <Details items={items} />
        {approved && prospect.hierarchyId ? (
          <Group gap="xs">
            <AppLink to={`/hq/customer-hierarchies/${encodeURIComponent(prospect.hierarchyId)}`} fw={600} size="sm">
              Customer hierarchy
            </AppLink>
            <IconArrowRight size={14} aria-hidden />
            <Text size="sm" c="dimmed" ff="monospace">
              {prospect.hierarchyId}
            </Text>
          </Group>
        ) : null}
      </Stack>
    </Section>
  );
}
