// My account → Organization users: an admin of the partner sees who buys for the organization, adds, edits and removes them.
// A new user is Pending until HQ has made their customer; the list asks again every second while anyone is Pending.
import { Alert, Anchor, Badge, Breadcrumbs, Button, Container, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { MantineColor } from '@mantine/core';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconLock, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { PartnerUser, PartnerUserSort, PartnerUserStatus } from '../api/client.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { fullName } from '../ui/format.ts';
import { Pager } from '../ui/Pager.tsx';
import { SearchInput } from '../ui/SearchInput.tsx';
import { SegmentedFilter } from '../ui/SegmentedFilter.tsx';
import { SortableTh } from '../ui/SortableTh.tsx';
import { StatusBadge, statusLabel } from '../ui/StatusBadge.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { notifyError, notifySuccess } from '../ui/notify.ts';
import { toOffset, useQueryParams } from '../ui/useQueryParams.ts';
import { RemoveUserModal, UserFormModal } from './OrganizationUserModals.tsx';
import { useSignedInPartner } from './PartnerArea.tsx';
import { formatLimit, organizationUsersKey } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';

const limit = 25;
const sorts: readonly PartnerUserSort[] = ['name', '-name', 'email', '-email', 'role', '-role', 'status', '-status', 'createdAt', '-createdAt'];
const statuses: readonly PartnerUserStatus[] = ['Pending', 'Active', 'Removed'];
// The address keeps this English value; the control shows it in the current language.
const allCurrent = 'All current';
const statusColors: Record<PartnerUserStatus, MantineColor> = { Pending: 'yellow', Active: 'green', Removed: 'gray' };

export function OrganizationUsersPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('account.organizationUsers')} · ${storeName}`);
  const { organization, role } = useSignedInPartner();
  const admin = role === 'Admin';
  const [adding, setAdding] = useState(false);

  return (
    <Container size="lg" py={40}>
      <Breadcrumbs mb="sm" fz="sm">
        <Anchor component={Link} to="/my-account" size="sm">
          {t('layout.myAccount')}
        </Anchor>
        <Text span size="sm" c="dimmed">
          {t('account.organizationUsers')}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="md">
        <Stack gap={4}>
          <Title order={1}>{t('account.organizationUsers')}</Title>
          <Text c="dimmed">{t('orgUsers.intro', { organization: organization.name })}</Text>
        </Stack>
        {admin ? (
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
            {t('orgUsers.add')}
          </Button>
        ) : null}
      </Group>
      {admin ? (
        <>
          <UsersTable />
          <UserFormModal opened={adding} onClose={() => setAdding(false)} />
        </>
      ) : (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} title={t('orgUsers.adminsOnly')}>
          {t('orgUsers.adminsOnlyText', { organization: organization.name })}
        </Alert>
      )}
    </Container>
  );
}

function UsersTable() {
  const { t } = useTranslation('storefront');
  const me = useSignedInPartner();
  const [filters, setFilters] = useQueryParams({ status: allCurrent, search: '', sort: 'name', offset: '0' });
  const status = statuses.find((s) => s === filters.status);
  const sort = sorts.find((s) => s === filters.sort) ?? 'name';
  const offset = toOffset(filters.offset);
  const search = filters.search.trim();
  const [editing, setEditing] = useState<PartnerUser>();
  const [removing, setRemoving] = useState<PartnerUser>();

  const users = useQuery({
    queryKey: [...organizationUsersKey, { status, search, sort, offset }],
    queryFn: () =>
      unwrap(
        api.GET('/api/store/organization/users', {
          params: { query: { ...(status ? { status } : {}), ...(search ? { search } : {}), sort, limit, offset } },
        }),
      ),
    // Pending turns Active once HQ has made the customer, usually within a second or two.
    refetchInterval: (query) => (query.state.data?.items.some((u) => u.status === 'Pending') ? 1000 : false),
    placeholderData: keepPreviousData,
  });

  const onSearch = useCallback((value: string) => setFilters({ search: value, offset: '0' }), [setFilters]);
  const onSort = (value: string) => setFilters({ sort: value, offset: '0' });
  const filtered = Boolean(status || search);
  // A phone gets a card per user: six columns do not fit 390 px.
  const narrow = useMediaQuery('(max-width: 47.99em)') ?? false;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <SegmentedFilter
            label={t('orders.status')}
            value={status ?? allCurrent}
            options={statuses.map((s) => ({ value: s, label: statusLabel(s) }))}
            allLabel={{ value: allCurrent, label: t('orgUsers.allCurrent') }}
            onChange={(value) => setFilters({ status: value, offset: '0' })} />
          <SearchInput value={search} onSearch={onSearch} label={t('common:ui.search')} placeholder={t('orgUsers.searchPlaceholder')} />
        </Group>

        {users.data && users.isError ? <ErrorAlert error={users.error} title={t('catalogue.refreshFailed')} /> : null}
        {!users.data ? (
          users.isError ? (
            <ErrorAlert error={users.error} title={t('orgUsers.loadFailed')} />
          ) : (
            <TableSkeleton rows={3} />
          )
        ) : users.data.items.length === 0 ? (
          <Empty
            icon={<IconUsersGroup size={24} />}
            title={filtered ? t('orgUsers.noneMatch') : t('orgUsers.none')}
            description={filtered ? t('orgUsers.noneMatchHint') : t('orgUsers.noneHint')}
          />
        ) : (
          <>
            {narrow ? (
              <Stack gap="sm">
                {users.data.items.map((user) => (
                  <UserCard key={user.id} user={user} isMe={user.id === me.user.id} onEdit={() => setEditing(user)} onRemove={() => setRemoving(user)} />
                ))}
              </Stack>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr style={{ whiteSpace: 'nowrap' }}>
                      <SortableTh field="name" sort={sort} onSort={onSort}>
                        {t('orgUsers.name')}
                      </SortableTh>
                      <SortableTh field="email" sort={sort} onSort={onSort}>
                        {t('fields.email')}
                      </SortableTh>
                      <SortableTh field="role" sort={sort} onSort={onSort}>
                        {t('account.role')}
                      </SortableTh>
                      <SortableTh field="status" sort={sort} onSort={onSort}>
                        {t('orders.status')}
                      </SortableTh>
                      <Table.Th>{t('orgUsers.spendingLimit')}</Table.Th>
                      <Table.Th>
                        <Text span size="sm" fw={700}>
                          {t('orgUsers.actions')}
                        </Text>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {users.data.items.map((user) => (
                      <UserRow key={user.id} user={user} isMe={user.id === me.user.id} onEdit={() => setEditing(user)} onRemove={() => setRemoving(user)} />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Pager total={users.data.total} limit={limit} offset={offset} onOffsetChange={(o) => setFilters({ offset: String(o) })} />
          </>
        )}
      </Stack>
      <UserFormModal opened={editing !== undefined} user={editing} onClose={() => setEditing(undefined)} />
      <RemoveUserModal user={removing} onClose={() => setRemoving(undefined)} />
    </Paper>
  );
}

/** Whether the user has chosen a password yet: the invitation goes out once HQ has made them Active. */
function signUpNote(user: PartnerUser, t: TFunction<'storefront'>): string | undefined {
  if (user.status === 'Removed') return undefined;
  if (user.signedUp) return t('orgUsers.signedIn');
  return user.status === 'Active' ? t('orgUsers.invitationSent') : t('orgUsers.invitationFollows');
}

function UserName({ user, isMe }: { user: PartnerUser; isMe: boolean }) {
  const { t } = useTranslation('storefront');
  return (
    <>
      <Text size="sm" fw={600}>
        {fullName(user)}
        {isMe ? (
          <Text span size="xs" c="dimmed" fw={400}>
            {' '}
            ({t('orgUsers.you')})
          </Text>
        ) : null}
      </Text>
      {user.syncError ? (
        <Group gap={4} wrap="nowrap" align="flex-start" mt={4} maw={280}>
          <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" style={{ flexShrink: 0, marginTop: 2 }} aria-hidden />
          <Text size="xs" c="red.7">
            {t('orgUsers.syncError', { error: user.syncError })}
          </Text>
        </Group>
      ) : null}
    </>
  );
}

function UserStatus({ user }: { user: PartnerUser }) {
  const { t } = useTranslation('storefront');
  const note = signUpNote(user, t);
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={statusColors[user.status]} variant="light" size="sm" radius="sm">
        {statusLabel(user.status)}
      </Badge>
      {note ? (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {note}
        </Text>
      ) : null}
    </Stack>
  );
}

function UserLimits({ user }: { user: PartnerUser }) {
  const { t } = useTranslation('storefront');
  return (
    <>
      <Text size="sm">{t('account.perOrder', { limit: formatLimit(user.spendingLimit, t('account.noLimit')) })}</Text>
      <Text size="sm" c="dimmed">
        {t('account.perMonth', { limit: formatLimit(user.monthlySpendingLimit, t('account.noLimit')) })}
      </Text>
    </>
  );
}

function UserActions({ user, isMe, onEdit, onRemove, wrap }: { user: PartnerUser; isMe: boolean; onEdit: () => void; onRemove: () => void; wrap?: boolean }) {
  const { t } = useTranslation('storefront');
  if (user.status === 'Removed') return null;
  return (
    <Group gap={6} wrap={wrap ? 'wrap' : 'nowrap'}>
      <Button size="xs" variant="default" onClick={onEdit}>
        {t('orgUsers.edit')}
      </Button>
      {user.status === 'Active' && !user.signedUp ? <ResendInvitationButton user={user} /> : null}
      <Button size="xs" variant="light" color="red" onClick={onRemove} disabled={isMe} title={isMe ? t('orgUsers.cannotRemoveSelf') : undefined}>
        {t('orgUsers.remove')}
      </Button>
    </Group>
  );
}

function UserRow({ user, isMe, onEdit, onRemove }: { user: PartnerUser; isMe: boolean; onEdit: () => void; onRemove: () => void }) {
  return (
    <Table.Tr>
      <Table.Td miw={160}>
        <UserName user={user} isMe={isMe} />
      </Table.Td>
      <Table.Td miw={180} style={{ overflowWrap: 'anywhere' }}>
        {user.email}
      </Table.Td>
      <Table.Td>
        <StatusBadge status={user.role} size="sm" />
      </Table.Td>
      <Table.Td>
        <UserStatus user={user} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <UserLimits user={user} />
      </Table.Td>
      <Table.Td>
        <UserActions user={user} isMe={isMe} onEdit={onEdit} onRemove={onRemove} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The same user as a card, for a phone. */
function UserCard({ user, isMe, onEdit, onRemove }: { user: PartnerUser; isMe: boolean; onEdit: () => void; onRemove: () => void }) {
  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={fullName(user)}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <UserName user={user} isMe={isMe} />
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {user.email}
            </Text>
          </div>
          <StatusBadge status={user.role} size="sm" />
        </Group>
        <Group justify="space-between" align="flex-start" gap="xs">
          <UserStatus user={user} />
          <div>
            <UserLimits user={user} />
          </div>
        </Group>
        <UserActions user={user} isMe={isMe} onEdit={onEdit} onRemove={onRemove} wrap />
      </Stack>
    </Paper>
  );
}

/** For a user whose invitation was lost or has expired: a new link, and the old one stops working. */
function ResendInvitationButton({ user }: { user: PartnerUser }) {
  const { t } = useTranslation('storefront');
  const resend = useMutation({
    mutationFn: () => unwrap(api.POST('/api/store/organization/users/{id}/invitation', { params: { path: { id: user.id } } })),
    onSuccess: () => notifySuccess(t('orgUsers.invitationSent'), t('orgUsers.invitationSentText', { name: fullName(user), email: user.email })),
    onError: (error) => notifyError(error, t('orgUsers.invitationNotSent')),
  });
  return (
    <Button size="xs" variant="default" loading={resend.isPending} onClick={() => resend.mutate()}>
      {t('orgUsers.resend')}
    </Button>
  );
}
