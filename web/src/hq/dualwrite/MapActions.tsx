// The lifecycle buttons of a table map, by its status: Run, Pause, Resume, Stop and a new Initial sync.
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReactNode } from 'react';
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

const actionLooks: Record<Action, { label: string; done: string; icon: ReactNode; color?: string }> = {
  pause: { label: 'Pause', done: 'Map paused', icon: <IconPlayerPause size={16} />, color: 'yellow' },
  resume: { label: 'Resume', done: 'Map resumed', icon: <IconPlayerPlay size={16} /> },
  stop: { label: 'Stop', done: 'Map stopped', icon: <IconPlayerStop size={16} />, color: 'red' },
};

function useAction(map: MapDetail, action: Action, onDone?: () => void) {
  const refresh = useRefresh(map.id);
  return useMutation({
    mutationFn: () => unwrap(api.POST(`/api/dualwrite/maps/{id}/${action}`, { params: { path: { id: map.id } } })),
    onSuccess: async () => {
      await refresh();
      onDone?.();
      notifySuccess(actionLooks[action].done, map.name);
    },
    onError: (error) => {
      void refresh();
      if (!onDone) notifyError(error, `The map could not be ${action === 'stop' ? 'stopped' : `${action}d`}`);
    },
  });
}

function SimpleAction({ map, action }: { map: MapDetail; action: 'pause' | 'resume' }) {
  const mutation = useAction(map, action);
  const look = actionLooks[action];
  return (
    <Button variant="light" color={look.color} leftSection={look.icon} loading={mutation.isPending} onClick={() => mutation.mutate()}>
      {look.label}
    </Button>
  );
}

function StopButton({ map }: { map: MapDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const stop = useAction(map, 'stop', close);
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconPlayerStop size={16} />} onClick={open}>
        Stop
      </Button>
      <Modal opened={opened} onClose={close} title="Stop this map?" centered>
        <Stack gap="md">
          <Text size="sm">
            Changes on either side stop flowing through <b>{map.name}</b>. Running it again starts live sync from that moment; run an initial sync to
            catch up on what changed meanwhile.
          </Text>
          {stop.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(stop.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" loading={stop.isPending} onClick={() => stop.mutate()} data-autofocus>
              Stop map
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RunButton({ map }: { map: MapDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [initialSync, setInitialSync] = useState(true);
  const refresh = useRefresh(map.id);
  const run = useMutation({
    mutationFn: (withInitialSync: boolean) => unwrap(api.POST('/api/dualwrite/maps/{id}/run', { params: { path: { id: map.id } }, body: { initialSync: withInitialSync } })),
    onSuccess: async (_, withInitialSync) => {
      await refresh();
      close();
      notifySuccess('Map running', withInitialSync ? `${map.name}: the initial sync of existing rows has started.` : map.name);
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
        Run
      </Button>
      <Modal opened={opened} onClose={close} title="Run this map?" centered>
        <Stack gap="md">
          <Text size="sm">
            From now on, changes to <b>{map.hqEntity}</b> in HQ and <b>{map.crmEntity}</b> in the CRM flow through this map.
          </Text>
          <Checkbox
            label="Run initial sync of existing rows"
            description={`Copies and links the rows that exist already; ${map.masterForInitialSync} is the master when both sides have a row.`}
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
              Cancel
            </Button>
            <Button loading={run.isPending} onClick={() => run.mutate(initialSync)} data-autofocus>
              Run map
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function InitialSyncButton({ map }: { map: MapDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const refresh = useRefresh(map.id);
  const start = useMutation({
    mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/initial-sync', { params: { path: { id: map.id } } })),
    onSuccess: async () => {
      await refresh();
      close();
      notifySuccess('Initial sync started', map.name);
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
        Initial sync
      </Button>
      <Modal opened={opened} onClose={close} title="Run the initial sync again?" centered>
        <Stack gap="md">
          <Text size="sm">
            Every existing row is read again and linked or copied; live sync keeps its place. A run still under way is replaced by this one.
          </Text>
          {start.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(start.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button loading={start.isPending} onClick={() => start.mutate()} data-autofocus>
              Start initial sync
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
