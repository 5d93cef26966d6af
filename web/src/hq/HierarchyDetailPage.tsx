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
import { formatDateTime, formatMoney } from '../ui/format.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { Section } from '../ui/Section.tsx';
import { StatusBadge } from '../ui/StatusBadge.tsx';
import { DetailSkeleton } from '../ui/TableSkeleton.tsx';
import type { HierarchyMember } from './partnerTypes.ts';
import { AddMemberModal } from './partners/AddMemberModal.tsx';
import { ChangeRoleModal, RemoveMemberModal, ResendInvitationButton } from './partners/MemberModals.tsx';
import { PartnerStatusButton } from './partners/PartnerStatusButton.tsx';
import { hierarchyKey } from './partners/usePartnerCache.ts';
import { useTranslation } from 'react-i18next';

export function HierarchyDetailPage() {
  const { t } = useTranslation('hq');
  const { id = '' } = useParams();
  const hierarchy = useQuery({
    queryKey: hierarchyKey(id),
    queryFn: () => unwrap(api.GET('/api/hq/customer-hierarchies/{id}', { params: { path: { id } } })),
  });

  return (
    <>
      <Breadcrumbs mb="sm" fz="sm">
        <AppLink to="/hq/customer-hierarchies">{t('hierarchies.title')}</AppLink>
        <Text size="sm" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Breadcrumbs>
      {hierarchy.data ? (
        <HierarchyView hierarchy={hierarchy.data} />
      ) : hierarchy.isError ? (
        <ErrorAlert error={hierarchy.error} title={t('hierarchyDetail.loadError')} />
      ) : (
        <DetailSkeleton />
      )}
    </>
  );
}

function HierarchyView({ hierarchy }: { hierarchy: CustomerHierarchy }) {
  const { t } = useTranslation('hq');
  const [adding, { open: openAdd, close: closeAdd }] = useDisclosure(false);
  const [changing, setChanging] = useState<HierarchyMember>();
  const [removing, setRemoving] = useState<HierarchyMember>();
  const status = hierarchy.active ? 'Active' : 'Inactive';
  return (
    <>
      <PageHeader
        title={hierarchy.name}
        badge={<StatusBadge status={status} size="lg" />}
        description={t('hierarchyDetail.description', { id: hierarchy.id })}
        actions={
          <>
            <Button leftSection={<IconUserPlus size={16} />} onClick={openAdd}>
              {t('hierarchyDetail.addMember')}
            </Button>
            <PartnerStatusButton hierarchy={hierarchy} />
          </>
        }
      />
      <Stack gap="lg">
        {hierarchy.active ? null : (
          <Alert color="gray" variant="light" icon={<IconLock size={18} />} title={t('hierarchyDetail.inactiveTitle')}>
            {t('hierarchyDetail.inactiveText')}
          </Alert>
        )}
        <Section title={t('hierarchyDetail.hierarchy')}>
          <Details
            items={[
              [t('hierarchies.columns.name'), hierarchy.name],
              [t('hierarchies.columns.status'), <StatusBadge status={status} size="sm" />],
              [t('hierarchies.columns.purpose'), hierarchy.purpose],
              [
                t('hierarchies.columns.organization'),
                <AppLink to={`/hq/customers/${encodeURIComponent(hierarchy.organization.account)}`} size="sm">
                  {hierarchy.organization.name}
                </AppLink>,
              ],
              [t('hierarchyDetail.organizationAccount'), <Text size="sm" ff="monospace">{hierarchy.organization.account}</Text>],
              [t('hierarchyDetail.creditLimit'), hierarchy.organization.creditLimit === undefined ? t('hierarchyDetail.noLimit') : formatMoney(hierarchy.organization.creditLimit, hierarchy.organization.currency)],
              [t('hierarchies.columns.created'), formatDateTime(hierarchy.createdAt)],
            ]}
          />
        </Section>
        <Section title={t('hierarchyDetail.members')}>
          {hierarchy.members.length === 0 ? (
            <Empty title={t('hierarchyDetail.noMembers')} description={t('hierarchyDetail.noMembersText')} />
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('hierarchies.columns.name')}</Table.Th>
                    <Table.Th>{t('hierarchyDetail.customerAccount')}</Table.Th>
                    <Table.Th>{t('hierarchyDetail.email')}</Table.Th>
                    <Table.Th>{t('hierarchyDetail.role')}</Table.Th>
                    <Table.Th>{t('hierarchies.columns.status')}</Table.Th>
                    <Table.Th>
                      <Text span size="sm" fw={700}>
                        {t('staffUsers.columns.actions')}
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
                            {t('hierarchyDetail.changeRole')}
                          </Button>
                          {/* Only someone who has not signed in yet needs an invitation; the others reset a forgotten password themselves. */}
                          {member.status === 'Invited' ? <ResendInvitationButton hierarchy={hierarchy} member={member} /> : null}
                          <Button size="xs" variant="light" color="red" onClick={() => setRemoving(member)}>
                            {t('hierarchyDetail.remove')}
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
