// The lifecycle buttons of a table map, by its status: Run, Pause, Resume, Stop and a new Initial sync.
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api, errorMessage, unwrap } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import { mapKey, mapsKey } from './api.ts';
import type { MapDetail, MapStatus } from './api.ts';

type Action = 'pause' | 'resume' | 'stop';

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([queryClient.invalidateQueries({ queryKey: mapKey(id) }), queryClient.invalidateQueries({ queryKey: mapsKey })]);
  };
}

const notRunning: readonly MapStatus[] = ['NotRunning', 'Stopped', 'Error'];

export function MapActions({ map }: { map: MapDetail }) {
  const status = map.status;
  return (
    <Group gap="sm">
      {notRunning.includes(status) ? <RunButton map={map} /> : null}
      {status === 'Running' ? <SimpleAction map={map} action="pause" /> : null}
      {status === 'Paused' ? <SimpleAction map={map} action="resume" /> : null}
      {status === 'Running' || status === 'Paused' ? <InitialSyncButton map={map} /> : null}
      {notRunning.includes(status) ? null : <StopButton map={map} />}
    </Group>
  );
}

// Texts under hq:dualWrite.actions.<action>: label, done, failed.
const actionLooks: Record<Action, { icon: ReactNode; color?: string }> = {
  pause: { icon: <IconPlayerPause size={16} />, color: 'yellow' },
  resume: { icon: <IconPlayerPlay size={16} /> },
  stop: { icon: <IconPlayerStop size={16} />, color: 'red' },
};

function useAction(map: MapDetail, action: Action, onDone?: () => void) {
  const { t } = useTranslation('hq');
  const refresh = useRefresh(map.id);
  return useMutation({
    mutationFn: () => unwrap(api.POST(`/api/dualwrite/maps/{id}/${action}`, { params: { path: { id: map.id } } })),
    onSuccess: async () => {
      await refresh();
      onDone?.();
      notifySuccess(t(`dualWrite.actions.${action}.done`), map.name);
    },
    onError: (error) => {
      void refresh();
      if (!onDone) notifyError(error, t(`dualWrite.actions.${action}.failed`));
    },
  });
}

function SimpleAction({ map, action }: { map: MapDetail; action: 'pause' | 'resume' }) {
  const { t } = useTranslation('hq');
  const mutation = useAction(map, action);
  const look = actionLooks[action];
  return (
    <Button variant="light" color={look.color} leftSection={look.icon} loading={mutation.isPending} onClick={() => mutation.mutate()}>
      {t(`dualWrite.actions.${action}.label`)}
    </Button>
  );
}

function StopButton({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  const [opened, { open, close }] = useDisclosure(false);
  const stop = useAction(map, 'stop', close);
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconPlayerStop size={16} />} onClick={open}>
        {t('dualWrite.actions.stop.label')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('dualWrite.actions.stop.confirmTitle')} centered>
        <Stack gap="md">
          <Text size="sm">
            <Trans t={t} i18nKey="dualWrite.actions.stop.confirmText" values={{ name: map.name }} components={{ b: <b /> }} />
          </Text>
          {stop.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(stop.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button color="red" loading={stop.isPending} onClick={() => stop.mutate()} data-autofocus>
              {t('dualWrite.actions.stop.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RunButton({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  const [opened, { open, close }] = useDisclosure(false);
  const [initialSync, setInitialSync] = useState(true);
  const refresh = useRefresh(map.id);
  const run = useMutation({
    mutationFn: (withInitialSync: boolean) => unwrap(api.POST('/api/dualwrite/maps/{id}/run', { params: { path: { id: map.id } }, body: { initialSync: withInitialSync } })),
    onSuccess: async (_, withInitialSync) => {
      await refresh();
      close();
      notifySuccess(t('dualWrite.actions.run.done'), withInitialSync ? t('dualWrite.actions.run.doneWithInitialSync', { name: map.name }) : map.name);
    },
    onError: () => void refresh(),
  });
  return (
    <>
      <Button
        leftSection={<IconPlayerPlay size={16} />}
        onClick={() => {
          setInitialSync(true);
          run.reset();
          open();
        }}
      >
        {t('dualWrite.actions.run.label')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('dualWrite.actions.run.confirmTitle')} centered>
        <Stack gap="md">
          <Text size="sm">
            <Trans t={t} i18nKey="dualWrite.actions.run.confirmText" values={{ hq: map.hqEntity, crm: map.crmEntity }} components={{ b: <b /> }} />
          </Text>
          <Checkbox
            label={t('dualWrite.actions.run.withInitialSync')}
            description={t('dualWrite.actions.run.withInitialSyncHelp', { master: map.masterForInitialSync })}
            checked={initialSync}
            onChange={(event) => setInitialSync(event.currentTarget.checked)}
          />
          {run.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(run.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button loading={run.isPending} onClick={() => run.mutate(initialSync)} data-autofocus>
              {t('dualWrite.actions.run.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function InitialSyncButton({ map }: { map: MapDetail }) {
  const { t } = useTranslation('hq');
  const [opened, { open, close }] = useDisclosure(false);
  const refresh = useRefresh(map.id);
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/initial-sync', { params: { path: { id: map.id } } })),
    onSuccess: async () => {
      await refresh();
      close();
      notifySuccess(t('dualWrite.actions.initialSync.done'), map.name);
    },
    onError: () => void refresh(),
  });
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconRefresh size={16} />}
        onClick={() => {
          start.reset();
          open();
        }}
      >
        {t('dualWrite.initialSync.title')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('dualWrite.actions.initialSync.confirmTitle')} centered>
        <Stack gap="md">
          <Text size="sm">{t('dualWrite.actions.initialSync.confirmText')}</Text>
          {start.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(start.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button loading={start.isPending} onClick={() => start.mutate()} data-autofocus>
              {t('dualWrite.actions.initialSync.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
