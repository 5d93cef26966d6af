// Deactivate a business partner (all its users are locked out of the store at once) or activate it again.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage, unwrap } from '../../api/client.ts';
import type { CustomerHierarchy } from '../../api/client.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { usePartnerCache } from './usePartnerCache.ts';

export function PartnerStatusButton({ hierarchy }: { hierarchy: CustomerHierarchy }) {
  const { t } = useTranslation('hq');
  const [opened, { open, close }] = useDisclosure(false);
  const cache = usePartnerCache();
  // What the open dialog asks, fixed when it opens so that it does not flip while it fades out after the change.
  const [activate, setActivate] = useState(!hierarchy.active);
  const users = { count: hierarchy.members.length, name: hierarchy.name };
  const change = useMutation({
    mutationFn: (active: boolean) => unwrap(api.PATCH('/api/hq/customer-hierarchies/{id}', { params: { path: { id: hierarchy.id } }, body: { active } })),
    onSuccess: (updated) => {
      cache.updated(updated);
      close();
      notifySuccess(
        updated.active ? t('partners.status.activated') : t('partners.status.deactivated'),
        updated.active ? t('partners.status.activatedText', { name: updated.name }) : t('partners.status.deactivatedText', { name: updated.name }),
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
          {t('partners.status.activatePartner')}
        </Button>
      ) : (
        <Button color="red" variant="light" leftSection={<IconLock size={16} />} onClick={openConfirm}>
          {t('partners.status.deactivatePartner')}
        </Button>
      )}
      <Modal opened={opened} onClose={close} title={activate ? t('partners.status.activateTitle', { name: hierarchy.name }) : t('partners.status.deactivateTitle', { name: hierarchy.name })} centered>
        <Stack gap="md">
          {activate ? (
            <Text size="sm">{t('partners.status.activateText', users)}</Text>
          ) : (
            <>
              <Text size="sm">{t('partners.status.deactivateText', users)}</Text>
              <Text size="sm" c="dimmed">
                {t('partners.status.nothingDeleted')}
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
              {t('common:ui.cancel')}
            </Button>
            <Button color={activate ? 'teal' : 'red'} loading={change.isPending} onClick={() => change.mutate(activate)} data-autofocus>
              {activate ? t('partners.status.activate') : t('partners.status.deactivate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
