// One customer hierarchy (a business partner): its organization and credit limit, its members with their roles, and what HQ does to them.
import { Alert, Breadcrumbs, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconUserPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { CustomerHierarchy } from '../api/client.ts';
import { AppLink } from '../ui/AppLink.tsx';
import { Details } from '../ui/Details.tsx';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatAmount, formatDateTime } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import type { HierarchyMember } from './partnerTypes.ts';
import { AddMemberModal } from './partners/AddMemberModal.tsx';
import { ChangeRoleModal, RemoveMemberModal, ResendInvitationButton } from './partners/MemberModals.tsx';
import { PartnerStatusButton } from './partners/PartnerStatusButton.tsx';
import { hierarchyKey } from './partners/usePartnerCache.ts';

export function HierarchyDetailPage() {
  const { id = '' } = useParams();
  const hierarchy = useQuery({
    queryKey: hierarchyKey(id),
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
  const [adding, { open: openAdd, close: closeAdd }] = useDisclosure(false);
  const [changing, setChanging] = useState<HierarchyMember>();
  const [removing, setRemoving] = useState<HierarchyMember>();
  const status = hierarchy.active ? 'Active' : 'Inactive';
  return (
    <>
      <PageHeader
        title={hierarchy.name}
        badge={<StatusBadge status={status} size="lg" />}
        description={`Customer hierarchy ${hierarchy.id}`}
        actions={
          <>
            <Button leftSection={<IconUserPlus size={16} />} onClick={openAdd}>
              Add member
            </Button>
            <PartnerStatusButton hierarchy={hierarchy} />
          </>
        }
      />
      <Stack gap="lg">
        {hierarchy.active ? null : (
          <Alert color="gray" variant="light" icon={<IconLock size={18} />} title="This business partner is inactive">
            Its users cannot sign in to the store, accept an invitation or reset a password until the partner is activated again.
          </Alert>
        )}
        <Section title="Hierarchy">
          <Details
            items={[
              ['Name', hierarchy.name],
              ['Status', <StatusBadge status={status} size="sm" />],
              ['Purpose', hierarchy.purpose],
              [
                'Organization',
                <AppLink to={`/hq/customers/${encodeURIComponent(hierarchy.organization.account)}`} size="sm">
                  {hierarchy.organization.name}
                </AppLink>,
              ],
              ['Organization account', <Text size="sm" ff="monospace">{hierarchy.organization.account}</Text>],
              ['Credit limit', hierarchy.organization.creditLimit === undefined ? 'No limit' : formatAmount(hierarchy.organization.creditLimit)],
              ['Created', formatDateTime(hierarchy.createdAt)],
            ]}
          />
        </Section>
        <Section title="Members">
          {hierarchy.members.length === 0 ? (
            <Empty title="No members" description="Nobody buys for this organization yet. Add member invites someone." />
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Customer account</Table.Th>
                    <Table.Th>E-mail</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>
                      <Text span size="sm" fw={700}>
                        Actions
                      </Text>
                    </Table.Th>
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
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{member.email}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={member.role} />
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={member.status} />
                      </Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Button size="xs" variant="default" onClick={() => setChanging(member)}>
                            Change role
                          </Button>
                          {/* Only someone who has not signed in yet needs an invitation; the others reset a forgotten password themselves. */}
                          {member.status === 'Invited' ? <ResendInvitationButton hierarchy={hierarchy} member={member} /> : null}
                          <Button size="xs" variant="light" color="red" onClick={() => setRemoving(member)}>
                            Remove
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Section>
      </Stack>
      <AddMemberModal hierarchy={hierarchy} opened={adding} onClose={closeAdd} />
      <ChangeRoleModal hierarchy={hierarchy} member={changing} onClose={() => setChanging(undefined)} />
      <RemoveMemberModal hierarchy={hierarchy} member={removing} onClose={() => setRemoving(undefined)} />
    </>
  );
}
