// Deactivate a business partner (all its users are locked out of the store at once) or activate it again.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, errorMessage, unwrap } from '../../api/client.ts';
import type { CustomerHierarchy } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { usePartnerCache } from './usePartnerCache.ts';

export function PartnerStatusButton({ hierarchy }: { hierarchy: CustomerHierarchy }) {
  const [opened, { open, close }] = useDisclosure(false);
  const cache = usePartnerCache();
  // What the open dialog asks, fixed when it opens so that it does not flip while it fades out after the change.
  const [activate, setActivate] = useState(!hierarchy.active);
  const users = hierarchy.members.length === 1 ? '1 user' : `${hierarchy.members.length} users`;
  const change = useMutation({
    mutationFn: (active: boolean) => unwrap(api.PATCH('/api/hq/customer-hierarchies/{id}', { params: { path: { id: hierarchy.id } }, body: { active } })),
    onSuccess: (updated) => {
      cache.updated(updated);
      close();
      notifySuccess(
        updated.active ? 'Business partner activated' : 'Business partner deactivated',
        updated.active ? `The users of ${updated.name} can sign in to the store again.` : `The users of ${updated.name} are signed out of the store and cannot sign in.`,
      );
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 404) cache.stale(hierarchy.id);
    },
  });

  function openConfirm() {
    change.reset();
    setActivate(!hierarchy.active);
    open();
  }

  return (
    <>
      {!hierarchy.active ? (
        <Button color="teal" variant="light" leftSection={<IconLockOpen size={16} />} onClick={openConfirm}>
          Activate partner
        </Button>
      ) : (
        <Button color="red" variant="light" leftSection={<IconLock size={16} />} onClick={openConfirm}>
          Deactivate partner
        </Button>
      )}
      <Modal opened={opened} onClose={close} title={activate ? `Activate ${hierarchy.name}?` : `Deactivate ${hierarchy.name}?`} centered>
        <Stack gap="md">
          {activate ? (
            <Text size="sm">
              The {users} of {hierarchy.name} can sign in to the store again with their passwords. Pending invitations that have not expired work again.
            </Text>
          ) : (
            <>
              <Text size="sm">
                All {users} of {hierarchy.name} are signed out of the store at once and cannot sign in, accept an invitation or reset a password until you activate the
                partner again.
              </Text>
              <Text size="sm" c="dimmed">
                Nothing is deleted: the customers, members and roles stay as they are.
              </Text>
            </>
          )}
          {change.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(change.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color={activate ? 'teal' : 'red'} loading={change.isPending} onClick={() => change.mutate(activate)} data-autofocus>
              {activate ? 'Activate' : 'Deactivate'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
