// One onboarding case: who applied, the records it made in HQ and the CRM, the earlier case it follows, and its
// timeline across the store, HQ, the CRM, dual-write and mail, oldest first.
import { Anchor, Badge, Breadcrumbs, Grid, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { AppLink } from '../../ui/AppLink.tsx';
import { Details } from '../../ui/Details.tsx';
import type { DetailItem } from '../../ui/Details.tsx';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Section } from '../../ui/Section.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../../ui/TableSkeleton.tsx';
import { relativeTime, useNow } from '../dualwrite/labels.tsx';
import { systemLabels } from './caseLabels.ts';
import type { CaseDetail, CaseTimelineEntry } from './caseLabels.ts';
import { CaseQuestions } from './CaseQuestions.tsx';
import { CaseDuplicates } from './CaseDuplicates.tsx';

export const caseKey = (id: string) => ['hq', 'onboarding-case', id] as const;

export function CasePage() {
  const { id = '' } = useParams();
  const found = useQuery({
    queryKey: caseKey(id),
    queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/onboarding-cases">Onboarding cases</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {found.data?.number ?? id}
        </Text>
      </Breadcrumbs>
      {found.data ? <CaseView onboardingCase={found.data} /> : found.isError ? <ErrorAlert error={found.error} title="The case could not be loaded" /> : <DetailSkeleton />}
    </>
  );
}

const enc = encodeURIComponent;

function link(to: string, text: string) {
  return (
    <AppLink to={to} size="sm" ff="monospace">
      {text}
    </AppLink>
  );
}

function CaseView({ onboardingCase: c }: { onboardingCase: CaseDetail }) {
  const now = useNow(30_000);
  const links: DetailItem[] = [
    ['HQ prospect', c.prospectId ? link(`/hq/prospects/${enc(c.prospectId)}`, c.prospectId) : undefined],
    ['CRM lead', c.leadId ? link(`/sales/leads/${enc(c.leadId)}`, 'Open the lead') : undefined],
    ['CRM opportunity', c.opportunityId ? link(`/sales/opportunities/${enc(c.opportunityId)}`, 'Open the opportunity') : undefined],
    ['Organization customer', c.customerAccount ? link(`/hq/customers/${enc(c.customerAccount)}`, c.customerAccount) : undefined],
    ['Customer hierarchy', c.hierarchyId ? link(`/hq/customer-hierarchies/${enc(c.hierarchyId)}`, c.hierarchyId) : undefined],
  ];
  return (
    <>
      <PageHeader
        title={`${c.number} · ${c.companyName}`}
        documentTitle={`Case ${c.number}`}
        badge={<StatusBadge status={c.status} size="lg" />}
        description={`Opened ${formatDateTime(c.openedAt)} (${relativeTime(c.openedAt, now)})`}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Section title="Timeline">
              <Timeline onboardingCase={c} now={now} />
            </Section>
            <CaseQuestions caseId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <Section title="Applicant">
              <Details
                items={[
                  ['Company', c.companyName],
                  [
                    'E-mail',
                    <Anchor href={`mailto:${c.email}`} size="sm">
                      {c.email}
                    </Anchor>,
                  ],
                  ['Status', <StatusBadge status={c.status} />],
                ]}
              />
            </Section>
            <Section title="Links">
              <Details items={links} />
            </Section>
            <CaseDuplicates onboardingCase={c} />
            {c.previousCase ? (
              <Section title="Earlier application">
                <Details
                  items={[
                    ['Case', link(`/hq/onboarding-cases/${enc(c.previousCase.id)}`, c.previousCase.number)],
                    ['Status', <StatusBadge status={c.previousCase.status} />],
                    ['Reason', c.previousCase.rejectionReason],
                  ]}
                />
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The record a step is about, when the case links to it. */
function stepLink(entry: CaseTimelineEntry, c: CaseDetail): { to: string; label: string } | undefined {
  switch (entry.kind) {
    case 'prospect-created':
    case 'prospect-joined':
    case 'rejected':
      return c.prospectId ? { to: `/hq/prospects/${enc(c.prospectId)}`, label: 'Prospect' } : undefined;
    case 'approved':
      return c.customerAccount ? { to: `/hq/customers/${enc(c.customerAccount)}`, label: 'Customer' } : c.prospectId ? { to: `/hq/prospects/${enc(c.prospectId)}`, label: 'Prospect' } : undefined;
    case 'lead-created':
    case 'qualified':
    case 'disqualified':
    case 'reactivated':
    case 'note':
      return c.leadId ? { to: `/sales/leads/${enc(c.leadId)}`, label: 'Lead' } : undefined;
    case 'won':
    case 'lost':
      return c.opportunityId ? { to: `/sales/opportunities/${enc(c.opportunityId)}`, label: 'Opportunity' } : undefined;
    case 'mail':
      return { to: `/hq/mail?to=${enc(c.email)}`, label: 'Delivery log' };
    default:
      return undefined;
  }
}

function Timeline({ onboardingCase: c, now }: { onboardingCase: CaseDetail; now: number }) {
  if (c.timeline.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing has happened yet.
      </Text>
    );
  }
  return (
    <Stack component="ol" gap={0} aria-label="Timeline, oldest first" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {c.timeline.map((entry, i) => {
        const system = systemLabels[entry.context];
        const to = stepLink(entry, c);
        return (
          <li key={`${entry.at}-${entry.kind}-${i}`} data-kind={entry.kind} style={{ borderLeft: '2px solid var(--mantine-color-gray-3)', paddingLeft: 14, paddingBottom: 14, position: 'relative' }}>
            <Group gap="xs" wrap="wrap" mb={2}>
              <Badge size="sm" variant="light" color={system.color} radius="sm">
                {system.label}
              </Badge>
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {entry.actor}
              </Text>
              <Text component="time" dateTime={entry.at} size="xs" c="dimmed">
                {relativeTime(entry.at, now)} · {formatDateTime(entry.at, true)}
              </Text>
            </Group>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {entry.text}
              {to ? (
                <>
                  {' '}
                  <AppLink to={to.to} size="sm">
                    {to.label}
                  </AppLink>
                </>
              ) : null}
            </Text>
          </li>
        );
      })}
    </Stack>
  );
}
