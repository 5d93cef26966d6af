// One opportunity: the process bar, estimates, close as won or lost, close records, links and the timeline.
import { Alert, Breadcrumbs, Button, Grid, Stack, Stepper, Table, Text } from '@mantine/core';
import { IconRefresh, IconTrophy, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { OpportunityDetail } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate, formatDateTime, formatMoney } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { CloseOpportunityModal } from './CloseOpportunityModal.tsx';
import { label, stageLabel, stages } from './labels.ts';
import { OpportunityEstimates } from './OpportunityEstimates.tsx';
import { Timeline } from './Timeline.tsx';
import { CrmRecordLink } from './RecordLink.tsx';

export function OpportunityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const opportunity = useQuery({
    queryKey: ['sales', 'opportunity', id],
    queryFn: () => unwrap(api.GET('/api/sales/opportunities/{id}', { params: { path: { id } } })),
  });
  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/sales/opportunities">{t('opportunities.title')}</AppLink>
        <Text size="sm" c="dimmed">
          {opportunity.data?.name ?? id}
        </Text>
      </Breadcrumbs>
      {opportunity.data ? (
        <OpportunityView opportunity={opportunity.data} />
      ) : opportunity.isError ? (
        <ErrorAlert error={opportunity.error} title={t('opportunity.loadError')} />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

function OpportunityView({ opportunity }: { opportunity: OpportunityDetail }) {
  const [closing, setClosing] = useState<'Won' | 'Lost' | null>(null);
  const queryClient = useQueryClient();
  const { t } = useTranslation('sales');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['sales'] });
  const setStage = useMutation({
    mutationFn: (stage: (typeof stages)[number]) => unwrap(api.PATCH('/api/sales/opportunities/{id}', { params: { path: { id: opportunity.id } }, body: { stage } })),
    onSuccess: refresh,
  });
  const reopen = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sales/opportunities/{id}/reopen', { params: { path: { id: opportunity.id } } })),
    onSuccess: refresh,
  });
  const open = opportunity.state === 'Open';
  const active = stages.indexOf(opportunity.stage);

  return (
    <>
      <PageHeader
        title={opportunity.name}
        badge={<StatusBadge status={opportunity.state} size="lg" />}
        description={t('opportunity.summary', { reason: label(opportunity.statusReason), created: formatDateTime(opportunity.createdAt) })}
        actions={
          open ? (
            <>
              <Button color="teal" leftSection={<IconTrophy size={16} />} onClick={() => setClosing('Won')}>
                {t('close.won')}
              </Button>
              <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={() => setClosing('Lost')}>
                {t('close.lost')}
              </Button>
            </>
          ) : (
            <Button variant="light" leftSection={<IconRefresh size={16} />} loading={reopen.isPending} onClick={() => reopen.mutate()}>
              {t('opportunity.reopen')}
            </Button>
          )
        }
      />
      {reopen.isError || setStage.isError ? (
        <Alert color="red" variant="light" mb="md" role="alert">
          {errorMessage(reopen.error ?? setStage.error)}
        </Alert>
      ) : null}
      <Section title={t('opportunity.process')}>
        <Stepper active={open ? active : stages.length} onStepClick={open ? (index) => setStage.mutate(stages[index]!) : undefined} size="sm" allowNextStepsSelect={open}>
          {stages.map((stage) => (
            <Stepper.Step key={stage} label={stageLabel(stage)} />
          ))}
        </Stepper>
      </Section>
      <Grid gap="lg" mt="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Section title={t('opportunity.summarySection')}>
              <Details
                items={[
                  [t('estimates.estimatedRevenue'), formatMoney(opportunity.estimatedRevenue, opportunity.currency)],
                  [t('estimates.estimatedCloseDate'), formatDate(opportunity.estimatedCloseDate)],
                  [t('close.actualRevenue'), formatMoney(opportunity.actualRevenue, opportunity.currency)],
                  [t('opportunity.actualCloseDate'), formatDate(opportunity.actualCloseDate)],
                  [t('lead.description'), opportunity.description],
                  [t('lead.account'), opportunity.accountId ? <CrmRecordLink kind="account" id={opportunity.accountId} /> : null],
                  [t('lead.contact'), opportunity.contactId ? <CrmRecordLink kind="contact" id={opportunity.contactId} /> : null],
                  [t('party.originatingLead'), opportunity.originatingLeadId ? <CrmRecordLink kind="lead" id={opportunity.originatingLeadId} /> : null],
                ]}
              />
            </Section>
            {open ? <OpportunityEstimates key={opportunity.version} opportunity={opportunity} /> : null}
            {opportunity.closeRecords.length > 0 ? (
              <Section title={t('opportunity.closeRecords')}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('opportunity.columns.outcome')}</Table.Th>
                      <Table.Th>{t('opportunity.columns.reason')}</Table.Th>
                      <Table.Th>{t('opportunity.columns.revenue')}</Table.Th>
                      <Table.Th>{t('opportunity.columns.date')}</Table.Th>
                      <Table.Th>{t('close.competitor')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {opportunity.closeRecords.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>{statusLabel(r.outcome)}</Table.Td>
                        <Table.Td>{label(r.statusReason)}</Table.Td>
                        <Table.Td>{formatMoney(r.actualRevenue, opportunity.currency)}</Table.Td>
                        <Table.Td>{formatDate(r.closeDate)}</Table.Td>
                        <Table.Td>{r.competitor ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Timeline
            entries={opportunity.timeline}
            queryKey={['sales', 'opportunity', opportunity.id]}
            onAdd={(text) => unwrap(api.POST('/api/sales/opportunities/{id}/notes', { params: { path: { id: opportunity.id } }, body: { text } }))}
          />
        </Grid.Col>
      </Grid>
      {closing ? <CloseOpportunityModal opportunity={opportunity} outcome={closing} onClose={() => setClosing(null)} /> : null}
    </>
  );
}
