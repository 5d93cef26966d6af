// One customer hierarchy: its organization and its members with their roles.
import { Breadcrumbs, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { CustomerHierarchy } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';

export function HierarchyDetailPage() {
  const { id = '' } = useParams();
  const hierarchy = useQuery({
    queryKey: ['hq', 'hierarchy', id],
    queryFn: () => unwrap(api.GET('/api/hq/customer-hierarchies/{id}', { params: { path: { id } } })),
  });

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/customer-hierarchies">Customer hierarchies</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Breadcrumbs>
      {hierarchy.data ? (
        <HierarchyView hierarchy={hierarchy.data} />
      ) : hierarchy.isError ? (
        <ErrorAlert error={hierarchy.error} title="The customer hierarchy could not be loaded" />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

function HierarchyView({ hierarchy }: { hierarchy: CustomerHierarchy }) {
  return (
    <>
      <PageHeader title={hierarchy.name} description={`Customer hierarchy ${hierarchy.id}`} />
      <Stack gap="lg">
        <Section title="Hierarchy">
          <Details
            items={[
              ['Name', hierarchy.name],
              ['Purpose', hierarchy.purpose],
              [
                'Organization',
                <AppLink to={`/hq/customers/${encodeURIComponent(hierarchy.organization.account)}`} size="sm">
                  {hierarchy.organization.name}
                </AppLink>,
              ],
              ['Organization account', <Text size="sm" ff="monospace">{hierarchy.organization.account}</Text>],
              ['Created', formatDateTime(hierarchy.createdAt)],
            ]}
          />
        </Section>
        <Section title="Members">
          {hierarchy.members.length === 0 ? (
            <Empty title="No members" description="Nobody buys for this organization yet." />
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Customer account</Table.Th>
                    <Table.Th>E-mail</Table.Th>
                    <Table.Th>Role</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {hierarchy.members.map((member) => (
                    <Table.Tr key={member.account}>
                      <Table.Td miw={160}>{member.name}</Table.Td>
                      <Table.Td>
                        <AppLink to={`/hq/customers/${encodeURIComponent(member.account)}`} ff="monospace" size="sm">
                          {member.account}
                        </AppLink>
                      </Table.Td>
                      <Table.Td>{member.email}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={member.role} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
      </Stack>
    </>
  );
}
