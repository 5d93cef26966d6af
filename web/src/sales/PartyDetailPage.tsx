// One account or contact: its details, edit in place, its HQ customer account, and its timeline.
import { Alert, Breadcrumbs, Button, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { Account, Contact, TimelineEntry } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatCountry } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import type { PartyType } from './PartiesPage.tsx';
import { Timeline } from './Timeline.tsx';
import { CrmRecordLink } from './RecordLink.tsx';

type Party = (Account | Contact) & { timeline: TimelineEntry[] };

function nameOf(party: Party): string {
  return 'name' in party ? party.name : [party.firstName, party.lastName].filter(Boolean).join(' ');
}

export function PartyDetailPage({ type }: { type: PartyType }) {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const party = useQuery({
    queryKey: ['sales', type, id],
    queryFn: async (): Promise<Party> =>
      type === 'accounts'
        ? ((await unwrap(api.GET('/api/sales/accounts/{id}', { params: { path: { id } } }))) as Party)
        : ((await unwrap(api.GET('/api/sales/contacts/{id}', { params: { path: { id } } }))) as Party),
  });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to={`/sales/${type}`}>{t(`party.${type}`)}</AppLink>
        <Text size="sm" c="dimmed">
          {party.data ? nameOf(party.data) : id}
        </Text>
      </Breadcrumbs>
      {party.data ? <PartyView type={type} party={party.data} /> : party.isError ? <ErrorAlert error={party.error} title={t('party.loadError')} /> : <DetailSkeleton />}
    </>
  );
}

function PartyView({ type, party }: { type: PartyType; party: Party }) {
  const [email, setEmail] = useState(party.email ?? '');
  const [phone, setPhone] = useState(party.phone ?? '');
  const queryClient = useQueryClient();
  const { t } = useTranslation('sales');
  const save = useMutation({
    mutationFn: (): Promise<unknown> => {
      const body = { email: email.trim() || null, phone: phone.trim() || null };
      return type === 'accounts'
        ? unwrap(api.PATCH('/api/sales/accounts/{id}', { params: { path: { id: party.id } }, body }))
        : unwrap(api.PATCH('/api/sales/contacts/{id}', { params: { path: { id: party.id } }, body }));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sales', type] }),
  });
  const a = party.address;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <>
      <PageHeader title={nameOf(party)} badge={<StatusBadge status={party.status} size="lg" />} description={t('party.created', { created: formatDateTime(party.createdAt) })} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Section title={t('lead.detailsSection')}>
              <Details
                items={[
                  [t('party.hqCustomerAccount'), party.customerAccount],
                  [t('lead.address'), [a.street, [a.zip, a.city].filter(Boolean).join(' '), a.state, a.countryRegionId ? formatCountry(a.countryRegionId) : null].filter(Boolean).join(', ')],
                  ...('primaryContactId' in party && party.primaryContactId ? [[t('party.primaryContact'), <CrmRecordLink key="c" kind="contact" id={party.primaryContactId} />] as [string, ReactNode]] : []),
                  ...('accountId' in party && party.accountId ? [[t('lead.account'), <CrmRecordLink key="a" kind="account" id={party.accountId} />] as [string, ReactNode]] : []),
                  [t('party.originatingLead'), party.originatingLeadId ? <CrmRecordLink kind="lead" id={party.originatingLeadId} /> : null],
                ]}
              />
            </Section>
            <Section title={t('party.contactDetails')}>
              <form onSubmit={onSubmit}>
                <Stack gap="sm">
                  <TextInput label={t('lead.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
                  <TextInput label={t('lead.phone')} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} />
                  {save.isError ? (
                    <Alert color="red" variant="light" role="alert">
                      {errorMessage(save.error)}
                    </Alert>
                  ) : null}
                  <Group justify="flex-end">
                    <Button type="submit" size="xs" loading={save.isPending}>
                      {t('party.save')}
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Timeline
            entries={party.timeline}
            queryKey={['sales', type, party.id]}
            onAdd={(text) =>
              type === 'accounts'
                ? unwrap(api.POST('/api/sales/accounts/{id}/notes', { params: { path: { id: party.id } }, body: { text } }))
                : unwrap(api.POST('/api/sales/contacts/{id}/notes', { params: { path: { id: party.id } }, body: { text } }))
            }
          />
        </Grid.Col>
      </Grid>
    </>
  );
}
