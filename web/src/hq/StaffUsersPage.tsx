// Staff users: who can sign in to HQ and with which roles; administrators add, change and disable them.
import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { StaffUser } from '../api/client.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDate } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ExportCsvButton } from '../ui/ListExport.tsx';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { AdminOnly } from './AdminOnly.tsx';
import { EditRolesModal, NewStaffUserModal, staffUsersKey } from './StaffUserModals.tsx';
import { roleLabel } from './staffRoles.ts';
import { useIsAdministrator, useMe } from './useMe.ts';
import { useTranslation } from 'react-i18next';

export function StaffUsersPage() {
  const { t } = useTranslation('hq');
  const admin = useIsAdministrator();
  const [creating, { open, close }] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('staffUsers.title')}
        description={t('staffUsers.description')}
        actions={
          admin ? (
            <Group gap="sm">
              <ExportCsvButton path="/api/hq/staff-users" query={{}} />
              <Button leftSection={<IconUserPlus size={16} />} onClick={open}>
                {t('staffUsers.new')}
              </Button>
            </Group>
          ) : null
        }
      />
      <AdminOnly>
        <StaffTable />
        <NewStaffUserModal opened={creating} onClose={close} />
      </AdminOnly>
    </>
  );
}

function StaffTable() {
  const { t } = useTranslation('hq');
  const users = useQuery({ queryKey: staffUsersKey, queryFn: () => unwrap(api.GET('/api/hq/staff-users')) });
  const [editing, setEditing] = useState<StaffUser>();
  return (
    <Paper withBorder radius="md" p="md">
      {!users.data ? (
        users.isError ? (
          <ErrorAlert error={users.error} title={t('staffUsers.loadError')} />
        ) : (
          <TableSkeleton rows={3} />
        )
      ) : users.data.items.length === 0 ? (
        <Empty title={t('staffUsers.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('staffUsers.columns.name')}</Table.Th>
                <Table.Th>{t('staffUsers.columns.email')}</Table.Th>
                <Table.Th>{t('staffUsers.columns.roles')}</Table.Th>
                <Table.Th>{t('staffUsers.columns.status')}</Table.Th>
                <Table.Th>{t('staffUsers.columns.created')}</Table.Th>
                <Table.Th>
                  <Text span size="sm" fw={700}>
                    {t('staffUsers.columns.actions')}
                  </Text>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.items.map((user) => (
                <StaffRow key={user.id} user={user} onEditRoles={() => setEditing(user)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <EditRolesModal user={editing} onClose={() => setEditing(undefined)} />
    </Paper>
  );
}

function StaffRow({ user, onEditRoles }: { user: StaffUser; onEditRoles: () => void }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const me = useMe().data;
  const isMe = me?.user.id === user.id;
  const setDisabled = useMutation({
    mutationFn: (disabled: boolean) => unwrap(api.PATCH('/api/hq/staff-users/{id}', { params: { path: { id: user.id } }, body: { disabled } })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: staffUsersKey });
      notifySuccess(updated.disabled ? t('staffUsers.disabled') : t('staffUsers.enabled'), updated.disabled ? t('staffUsers.disabledText', { name: updated.name }) : t('staffUsers.enabledText', { name: updated.name }));
    },
    onError: (error) => notifyError(error, t('staffUsers.changeError', { name: user.name })),
  });

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {user.name}
          {isMe ? (
            <Text span size="xs" c="dimmed" fw={400}>
              {' '}
              {t('staffUsers.you')}
            </Text>
          ) : null}
        </Text>
      </Table.Td>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {user.roles.map((role) => (
            <Badge key={role} size="sm" variant="light" color={role === 'administrator' ? 'grape' : 'indigo'} tt="none">
              {roleLabel(role)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="dot" color={user.disabled ? 'gray' : 'teal'} tt="none">
          {user.disabled ? t('staffUsers.statusDisabled') : t('staffUsers.statusActive')}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(user.createdAt)}</Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Button size="xs" variant="default" onClick={onEditRoles}>
            {t('staffUsers.editRoles')}
          </Button>
          <Button
            size="xs"
            variant="light"
            color={user.disabled ? 'teal' : 'red'}
            loading={setDisabled.isPending}
            disabled={isMe && !user.disabled}
            title={isMe && !user.disabled ? t('staffUsers.cannotDisableYourself') : undefined}
            onClick={() => setDisabled.mutate(!user.disabled)}
          >
            {user.disabled ? t('staffUsers.enable') : t('staffUsers.disable')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
