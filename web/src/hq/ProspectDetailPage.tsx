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
import { useTranslation } from 'react-i18next';

export function ProspectDetailPage() {
  const { t } = useTranslation('hq');
  const { id = '' } = useParams();
  const prospect = useQuery({
    queryKey: ['hq', 'prospect', id],
    queryFn: () => unwrap(api.GET('/api/hq/prospects/{id}', { params: { path: { id } } })),
  });

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/prospects">{t('prospects.title')}</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Breadcrumbs>
      {prospect.data ? (
        <ProspectView prospect={prospect.data} />
      ) : prospect.isError ? (
        <ErrorAlert error={prospect.error} title={t('prospectDetail.loadError')} />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

function ProspectView({ prospect }: { prospect: ProspectDetail }) {
  const { t } = useTranslation('hq');
  return (
    <>
      <PageHeader
        title={prospect.companyName}
        badge={<StatusBadge status={prospect.status} size="lg" />}
        description={t('prospectDetail.description', { id: prospect.id, received: formatDateTime(prospect.createdAt) })}
        actions={prospect.status === 'New' ? <ProspectDecision prospect={prospect} /> : null}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            {prospect.status !== 'New' ? <Decision prospect={prospect} /> : null}
            <PossibleDuplicates prospect={prospect} />
            <Section title={t('prospectDetail.contact')}>
              <Details
                items={[
                  [t('prospectDetail.name'), fullName(prospect)],
                  [t('prospectDetail.email'), <Anchor href={`mailto:${prospect.email}`} size="sm">{prospect.email}</Anchor>],
                  [t('prospectDetail.phone'), prospect.phone],
                  [t('prospectDetail.vatNumber'), prospect.vatNumber],
                  [t('prospectDetail.language'), prospect.language],
                ]}
              />
            </Section>
            <Section title={t('prospectDetail.address')}>
              <AddressText address={prospect.address} />
            </Section>
            <Section title={t('prospectDetail.comments')}>
              {prospect.comments ? (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {prospect.comments}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('prospectDetail.noComments')}
                </Text>
              )}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Section title={t('prospectDetail.channel')}>
              <Details
                items={[
                  [t('prospectDetail.onlineStore'), prospect.channel],
                  [t('prospectDetail.type'), t('prospects.b2bProspect')],
                  [t('prospectDetail.lead'), <ProspectLeadLink prospectId={prospect.id} leadId={prospect.leadId} />],
                  [t('prospectDetail.onboardingCase'), <ProspectCaseLink prospectId={prospect.id} />],
                  [t('prospectDetail.lastChanged'), formatDateTime(prospect.updatedAt)],
                ]}
              />
            </Section>
            <Section title={t('prospectDetail.channelRequests')}>
              <Requests prospect={prospect} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Requests({ prospect }: { prospect: ProspectDetail }) {
  const { t } = useTranslation('hq');
  if (prospect.requests.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('prospectDetail.noChannelRequests')}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {prospect.requests.map((request) => (
        <Paper key={request.id} withBorder radius="sm" p="sm" bg="gray.0">
          <Text size="sm" fw={600}>
            {t('prospectDetail.submitted', { at: formatDateTime(request.submittedAt) })}
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
  const { t } = useTranslation('hq');
  const approved = prospect.status === 'Approved';
  const items: DetailItem[] = [
    [t('prospectDetail.decision'), <StatusBadge status={prospect.status} />],
    [t('prospectDetail.decidedBy'), prospect.decidedBy],
    [t('prospectDetail.decidedAt'), formatDateTime(prospect.decidedAt)],
  ];
  if (approved) {
    items.push([t('prospectDetail.organizationCustomer'), customerLink(prospect.customerAccount)]);
    items.push([t('prospectDetail.personCustomer'), customerLink(prospect.personCustomerAccount)]);
  }
  if (prospect.rejectionReason) {
    items.push([
      t('prospectDetail.reason'),
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {prospect.rejectionReason}
      </Text>,
    ]);
  }
  return (
    <Section title={t('prospectDetail.decision')}>
      <Stack gap="md">
        <Details items={items} />
        {approved && prospect.hierarchyId ? (
          <Group gap="xs">
            <AppLink to={`/hq/customer-hierarchies/${encodeURIComponent(prospect.hierarchyId)}`} fw={600} size="sm">
              {t('prospectDetail.customerHierarchy')}
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
