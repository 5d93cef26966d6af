// One lead: who and which company, where it came from, its state, what qualifying made of it, and its timeline.
import { Breadcrumbs, Button, Grid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPencil } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
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
  const lead = useQuery({
    queryKey: ['sales', 'lead', id],
    queryFn: () => unwrap(api.GET('/api/sales/leads/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/sales/leads">Leads</AppLink>
        <Text size="sm" c="dimmed">
          {lead.data?.topic ?? id}
        </Text>
      </Breadcrumbs>
      {lead.data ? <LeadView lead={lead.data} /> : lead.isError ? <ErrorAlert error={lead.error} title="The lead could not be loaded" /> : <DetailSkeleton />}
    </>
  );
}

function LeadView({ lead }: { lead: LeadDetail }) {
  const [editing, { open, close }] = useDisclosure(false);
  const owners = useOwners();
  const a = lead.address;
  return (
    <>
      <PageHeader
        title={lead.topic}
        badge={<StatusBadge status={lead.state} size="lg" />}
        description={`${label(lead.statusReason)} · ${label(lead.source)} · created ${formatDateTime(lead.createdAt)}`}
        actions={
          <>
            {lead.state === 'Open' ? (
              <Button variant="default" leftSection={<IconPencil size={16} />} onClick={open}>
                Edit
              </Button>
            ) : null}
            <LeadActions lead={lead} />
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Section title="Contact">
              <Details
                items={[
                  ['Name', fullName({ firstName: lead.firstName ?? undefined, lastName: lead.lastName })],
                  ['Job title', lead.jobTitle],
                  ['E-mail', lead.email],
                  ['Phone', lead.phone],
                ]}
              />
            </Section>
            <Section title="Company">
              <Details
                items={[
                  ['Company', lead.companyName],
                  ['VAT number', lead.vatNumber],
                  ['Address', [a.street, [a.zip, a.city].filter(Boolean).join(' '), a.state, a.countryRegionId ? formatCountry(a.countryRegionId) : null].filter(Boolean).join(', ')],
                ]}
              />
            </Section>
            <Section title="Details">
              <Details
                items={[
                  ['Source', label(lead.source)],
                  ['Owner', ownerName(owners.data?.items, lead.ownerId)],
                  ['HQ prospect', lead.prospectId],
                  ['Onboarding case', lead.prospectId ? <ProspectCaseLink prospectId={lead.prospectId} /> : undefined],
                  ['Description', lead.description],
                  ['Opportunity', lead.opportunityId ? <CrmRecordLink kind="opportunity" id={lead.opportunityId} /> : null],
                  ['Account', lead.accountId ? <CrmRecordLink kind="account" id={lead.accountId} /> : null],
                  ['Contact', lead.contactId ? <CrmRecordLink kind="contact" id={lead.contactId} /> : null],
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
