// One lead: who and which company, where it came from, its state, what qualifying made of it, and its timeline.
import { Breadcrumbs, Button, Grid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { LeadDetail } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, fullName, formatCountry } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { label } from './labels.ts';
import { LeadActions } from './LeadActions.tsx';
import { LeadDuplicates } from './LeadDuplicates.tsx';
import { LeadFormModal } from './LeadFormModal.tsx';
import { Timeline } from './Timeline.tsx';
import { ProspectCaseLink } from '../hq/onboarding/CaseLinks.tsx';
import { ownerName, useOwners } from './useOwners.ts';
import { CrmRecordLink } from './RecordLink.tsx';

export function LeadDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const lead = useQuery({
    queryKey: ['sales', 'lead', id],
    queryFn: () => unwrap(api.GET('/api/sales/leads/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/sales/leads">{t('leads.title')}</AppLink>
        <Text size="sm" c="dimmed">
          {lead.data?.topic ?? id}
        </Text>
      </Breadcrumbs>
      {lead.data ? <LeadView lead={lead.data} /> : lead.isError ? <ErrorAlert error={lead.error} title={t('lead.loadError')} /> : <DetailSkeleton />}
    </>
  );
}

function LeadView({ lead }: { lead: LeadDetail }) {
  const [editing, { open, close }] = useDisclosure(false);
  const owners = useOwners();
  const { t } = useTranslation('sales');
  const a = lead.address;
  return (
    <>
      <PageHeader
        title={lead.topic}
        badge={<StatusBadge status={lead.state} size="lg" />}
        description={t('lead.summary', { reason: label(lead.statusReason), source: label(lead.source), created: formatDateTime(lead.createdAt) })}
        actions={
          <>
            {lead.state === 'Open' ? (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={open}>
                {t('lead.edit')}
              </Button>
            ) : null}
            <LeadActions lead={lead} />
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Section title={t('lead.contactSection')}>
              <Details
                items={[
                  [t('lead.name'), fullName({ firstName: lead.firstName ?? undefined, lastName: lead.lastName })],
                  [t('lead.jobTitle'), lead.jobTitle],
                  [t('lead.email'), lead.email],
                  [t('lead.phone'), lead.phone],
                ]}
              />
            </Section>
            <Section title={t('lead.companySection')}>
              <Details
                items={[
                  [t('lead.company'), lead.companyName],
                  [t('lead.vatNumber'), lead.vatNumber],
                  [t('lead.address'), [a.street, [a.zip, a.city].filter(Boolean).join(' '), a.state, a.countryRegionId ? formatCountry(a.countryRegionId) : null].filter(Boolean).join(', ')],
                ]}
              />
            </Section>
            <Section title={t('lead.detailsSection')}>
              <Details
                items={[
                  [t('lead.source'), label(lead.source)],
                  [t('lead.owner'), ownerName(owners.data?.items, lead.ownerId)],
                  [t('lead.hqProspect'), lead.prospectId],
                  [t('lead.onboardingCase'), lead.prospectId ? <ProspectCaseLink prospectId={lead.prospectId} /> : undefined],
                  [t('lead.description'), lead.description],
                  [t('lead.opportunity'), lead.opportunityId ? <CrmRecordLink kind="opportunity" id={lead.opportunityId} /> : null],
                  [t('lead.account'), lead.accountId ? <CrmRecordLink kind="account" id={lead.accountId} /> : null],
                  [t('lead.contact'), lead.contactId ? <CrmRecordLink kind="contact" id={lead.contactId} /> : null],
                ]}
              />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <LeadDuplicates lead={lead} />
            <Timeline
              entries={lead.timeline}
              queryKey={['sales', 'lead', lead.id]}
              onAdd={(text) => unwrap(api.POST('/api/sales/leads/{id}/notes', { params: { path: { id: lead.id } }, body: { text } }))}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing ? <LeadFormModal opened lead={lead} onClose={close} onSaved={close} /> : null}
    </>
  );
}
