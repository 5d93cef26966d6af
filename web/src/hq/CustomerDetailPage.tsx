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
import { formatAmount, formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import { CreditLimitForm } from './partners/CreditLimitForm.tsx';
import { CustomerOrigin } from './onboarding/CaseLinks.tsx';

export function CustomerDetailPage() {
  const { account = '' } = useParams();
  const customer = useQuery({
    queryKey: ['hq', 'customer', account],
    queryFn: () => unwrap(api.GET('/api/hq/customers/{account}', { params: { path: { account } } })),
  });

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/customers">Customers</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {account}
        </Text>
      </Breadcrumbs>
      {customer.data ? (
        <CustomerView customer={customer.data} />
      ) : customer.isError ? (
        <ErrorAlert error={customer.error} title="The customer could not be loaded" />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

function CustomerView({ customer }: { customer: Customer }) {
  return (
    <>
      <PageHeader title={customer.name} description={`${customer.type} customer ${customer.account} · created ${formatDateTime(customer.createdAt)}`} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Section title="Customer">
              <Details
                items={[
                  ['Account', <Text size="sm" ff="monospace">{customer.account}</Text>],
                  ['Type', customer.type],
                  ['Name', customer.name],
                  ...(customer.type === 'Person'
                    ? ([
                        ['First name', customer.firstName],
                        ['Last name', customer.lastName],
                      ] satisfies [string, string | undefined][])
                    : []),
                  ['E-mail', <Anchor href={`mailto:${customer.email}`} size="sm">{customer.email}</Anchor>],
                  ['Phone', customer.phone],
                  ['Language', customer.language],
                  ...(customer.type === 'Person' && customer.creditLimit !== undefined ? ([['Credit limit', formatAmount(customer.creditLimit)]] satisfies [string, string][]) : []),
                  ['Created', formatDateTime(customer.createdAt)],
                ]}
              />
            </Section>
            <Section title="Address">
              <AddressText address={customer.address} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            {customer.type === 'Organization' ? <CreditLimitForm key={`${customer.account}:${customer.creditLimit ?? ''}`} customer={customer} /> : null}
            <Section title="Customer hierarchy">
              {customer.hierarchyId ? (
                <Group gap="sm">
                  <AppLink to={`/hq/customer-hierarchies/${encodeURIComponent(customer.hierarchyId)}`} ff="monospace" fw={600} size="sm">
                    {customer.hierarchyId}
                  </AppLink>
                  {customer.hierarchyRole ? (
                    <Group gap={6}>
                      <Text size="sm" c="dimmed">
                        Role
                      </Text>
                      <StatusBadge status={customer.hierarchyRole} />
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Organization of the hierarchy
                    </Text>
                  )}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  Not in a customer hierarchy.
                </Text>
              )}
            </Section>
            <Section title="Origin">
              <CustomerOrigin account={customer.account} prospectId={customer.prospectId} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
