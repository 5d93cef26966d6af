// One onboarding case: who applied, the records it made in HQ and the CRM, the earlier case it follows, and its
// timeline across the store, HQ, the CRM, dual-write and mail, oldest first.
import { Anchor, Badge, Breadcrumbs, Grid, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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
import { systemColors, systemLabel } from './caseLabels.ts';
import type { CaseDetail, CaseTimelineEntry } from './caseLabels.ts';
import { CaseQuestions } from './CaseQuestions.tsx';
import { CaseDuplicates } from './CaseDuplicates.tsx';

export const caseKey = (id: string) => ['hq', 'onboarding-case', id] as const;

export function CasePage() {
  const { t } = useTranslation('hq');
  const { id = '' } = useParams();
  const found = useQuery({
    queryKey: caseKey(id),
    queryFn: () => unwrap(api.GET('/api/hq/onboarding-cases/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/onboarding-cases">{t('onboarding.cases.title')}</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {found.data?.number ?? id}
        </Text>
      </Breadcrumbs>
      {found.data ? <CaseView onboardingCase={found.data} /> : found.isError ? <ErrorAlert error={found.error} title={t('onboarding.case.notLoaded')} /> : <DetailSkeleton />}
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
  const { t } = useTranslation('hq');
  const now = useNow(30_000);
  const links: DetailItem[] = [
    [t('onboarding.case.hqProspect'), c.prospectId ? link(`/hq/prospects/${enc(c.prospectId)}`, c.prospectId) : undefined],
    [t('onboarding.case.crmLead'), c.leadId ? link(`/sales/leads/${enc(c.leadId)}`, t('onboarding.case.openLead')) : undefined],
    [t('onboarding.case.crmOpportunity'), c.opportunityId ? link(`/sales/opportunities/${enc(c.opportunityId)}`, t('onboarding.case.openOpportunity')) : undefined],
    [t('onboarding.case.customer'), c.customerAccount ? link(`/hq/customers/${enc(c.customerAccount)}`, c.customerAccount) : undefined],
    [t('onboarding.case.hierarchy'), c.hierarchyId ? link(`/hq/customer-hierarchies/${enc(c.hierarchyId)}`, c.hierarchyId) : undefined],
  ];
  return (
    <>
      <PageHeader
        title={`${c.number} · ${c.companyName}`}
        documentTitle={t('onboarding.case.documentTitle', { number: c.number })}
        badge={<StatusBadge status={c.status} size="lg" />}
        description={t('onboarding.case.opened', { at: formatDateTime(c.openedAt), ago: relativeTime(c.openedAt, now) })}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Section title={t('onboarding.case.timeline')}>
              <Timeline onboardingCase={c} now={now} />
            </Section>
            <CaseQuestions caseId={c.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }} order={{ base: 1, md: 2 }}>
          <Stack gap="lg">
            <Section title={t('onboarding.case.applicant')}>
              <Details
                items={[
                  [t('onboarding.company'), c.companyName],
                  [
                    t('onboarding.email'),
                    <Anchor href={`mailto:${c.email}`} size="sm">
                      {c.email}
                    </Anchor>,
                  ],
                  [t('onboarding.status'), <StatusBadge status={c.status} />],
                ]}
              />
            </Section>
            <Section title={t('onboarding.case.links')}>
              <Details items={links} />
            </Section>
            <CaseDuplicates onboardingCase={c} />
            {c.previousCase ? (
              <Section title={t('onboarding.case.earlier')}>
                <Details
                  items={[
                    [t('onboarding.case.case'), link(`/hq/onboarding-cases/${enc(c.previousCase.id)}`, c.previousCase.number)],
                    [t('onboarding.status'), <StatusBadge status={c.previousCase.status} />],
                    [t('onboarding.case.reason'), c.previousCase.rejectionReason],
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
function stepLink(t: TFunction, entry: CaseTimelineEntry, c: CaseDetail): { to: string; label: string } | undefined {
  switch (entry.kind) {
    case 'prospect-created':
    case 'prospect-joined':
    case 'rejected':
      return c.prospectId ? { to: `/hq/prospects/${enc(c.prospectId)}`, label: t('onboarding.case.step.prospect') } : undefined;
    case 'approved':
      return c.customerAccount
        ? { to: `/hq/customers/${enc(c.customerAccount)}`, label: t('onboarding.case.step.customer') }
        : c.prospectId
          ? { to: `/hq/prospects/${enc(c.prospectId)}`, label: t('onboarding.case.step.prospect') }
          : undefined;
    case 'lead-created':
    case 'qualified':
    case 'disqualified':
    case 'reactivated':
    case 'note':
      return c.leadId ? { to: `/sales/leads/${enc(c.leadId)}`, label: t('onboarding.case.step.lead') } : undefined;
    case 'won':
    case 'lost':
      return c.opportunityId ? { to: `/sales/opportunities/${enc(c.opportunityId)}`, label: t('onboarding.case.step.opportunity') } : undefined;
    case 'mail':
      return { to: `/hq/mail?to=${enc(c.email)}`, label: t('mail.log.title') };
    default:
      return undefined;
  }
}

function Timeline({ onboardingCase: c, now }: { onboardingCase: CaseDetail; now: number }) {
  const { t } = useTranslation('hq');
  if (c.timeline.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('onboarding.case.nothingYet')}
      </Text>
    );
  }
  return (
    <Stack component="ol" gap={0} aria-label={t('onboarding.case.timelineList')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {c.timeline.map((entry, i) => {
        const to = stepLink(t, entry, c);
        return (
          <li key={`${entry.at}-${entry.kind}-${i}`} data-kind={entry.kind} style={{ borderLeft: '2px solid var(--mantine-color-gray-3)', paddingLeft: 14, paddingBottom: 14, position: 'relative' }}>
            <Group gap="xs" wrap="wrap" mb={2}>
              <Badge size="sm" variant="light" color={systemColors[entry.context] ?? 'gray'} radius="sm">
                {systemLabel(entry.context)}
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
