// One customer with every field, its customer hierarchy and its role there; an organization's credit limit is edited here.
import { Anchor, Breadcrumbs, Grid, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { Customer } from '../api/client.ts';
import { AddressText } from '../ui/AddressText.tsx';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime, formatMoney } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { CreditLimitForm } from './partners/CreditLimitForm.tsx';
import { CustomerOrigin } from './onboarding/CaseLinks.tsx';
import { useTranslation } from 'react-i18next';

export function CustomerDetailPage() {
  const { t } = useTranslation('hq');
  const { account = '' } = useParams();
  const customer = useQuery({
    queryKey: ['hq', 'customer', account],
    queryFn: () => unwrap(api.GET('/api/hq/customers/{account}', { params: { path: { account } } })),
  });

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/customers">{t('customers.title')}</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {account}
        </Text>
      </Breadcrumbs>
      {customer.data ? (
        <CustomerView customer={customer.data} />
      ) : customer.isError ? (
        <ErrorAlert error={customer.error} title={t('customerDetail.loadError')} />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

function CustomerView({ customer }: { customer: Customer }) {
  const { t } = useTranslation('hq');
  return (
    <>
      <PageHeader title={customer.name} description={t(`customerDetail.description${customer.type}`, { account: customer.account, created: formatDateTime(customer.createdAt) })} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title={t('customerDetail.customer')}>
              <Details
                items={[
                  [t('customerDetail.account'), <Text size="sm" ff="monospace">{customer.account}</Text>],
                  [t('customerDetail.type'), t(`customers.types.${customer.type}`)],
                  [t('customerDetail.name'), customer.name],
                  ...(customer.type === 'Person'
                    ? ([
                        [t('customerDetail.firstName'), customer.firstName],
                        [t('customerDetail.lastName'), customer.lastName],
                      ] satisfies [string, string | undefined][])
                    : []),
                  [t('customerDetail.email'), <Anchor href={`mailto:${customer.email}`} size="sm">{customer.email}</Anchor>],
                  [t('customerDetail.phone'), customer.phone],
                  [t('customerDetail.language'), customer.language],
                  ...(customer.type === 'Person' && customer.creditLimit !== undefined ? ([[t('customerDetail.creditLimit'), formatMoney(customer.creditLimit, customer.currency)]] satisfies [string, string][]) : []),
                  [t('customerDetail.created'), formatDateTime(customer.createdAt)],
                ]}
              />
            </Section>
            <Section title={t('customerDetail.address')}>
              <AddressText address={customer.address} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            {customer.type === 'Organization' ? <CreditLimitForm key={`${customer.account}:${customer.creditLimit ?? ''}`} customer={customer} /> : null}
            <Section title={t('customerDetail.hierarchy')}>
              {customer.hierarchyId ? (
                <Group gap="sm">
                  <AppLink to={`/hq/customer-hierarchies/${encodeURIComponent(customer.hierarchyId)}`} ff="monospace" fw={600} size="sm">
                    {customer.hierarchyId}
                  </AppLink>
                  {customer.hierarchyRole ? (
                    <Group gap={6}>
                      <Text size="sm" c="dimmed">
                        {t('customerDetail.role')}
                      </Text>
                      <StatusBadge status={customer.hierarchyRole} />
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('customerDetail.organizationOfHierarchy')}
                    </Text>
                  )}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('customerDetail.noHierarchy')}
                </Text>
              )}
            </Section>
            <Section title={t('customerDetail.origin')}>
              <CustomerOrigin account={customer.account} prospectId={customer.prospectId} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
