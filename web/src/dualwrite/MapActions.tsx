// Run, pause, resume, stop and re-run the initial sync of a table map, as its status allows.
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { TableMapDetail } from '../api/client.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';

export function MapActions({ map }: { map: TableMapDetail }) {
  const queryClient = useQueryClient();
  const [runOpened, runModal] = useDisclosure(false);
  const [stopOpened, stopModal] = useDisclosure(false);
  const [initialSync, setInitialSync] = useState(true);
  const done = (message: string) => {
    void queryClient.invalidateQueries({ queryKey: ['dualwrite'] });
    notifySuccess(message);
  };
  const path = { params: { path: { id: map.id } } };
  const run = useMutation({ mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/run', { ...path, body: { initialSync } })), onSuccess: () => (runModal.close(), done('Map running')) });
  const pause = useMutation({ mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/pause', path)), onSuccess: () => done('Map paused; changes wait in order'), onError: (e) => notifyError(e) });
  const resume = useMutation({ mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/resume', path)), onSuccess: () => done('Map resumed; catching up'), onError: (e) => notifyError(e) });
  const stop = useMutation({ mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/stop', path)), onSuccess: () => (stopModal.close(), done('Map stopped')) });
  const rerun = useMutation({ mutationFn: () => unwrap(api.POST('/api/dualwrite/maps/{id}/initial-sync', path)), onSuccess: () => done('Initial sync started'), onError: (e) => notifyError(e) });
  const status = map.status;
  return (
    <Group gap="sm">
      {['NotRunning', 'Stopped', 'Error'].includes(status) ? (
        <Button leftSection={<IconPlayerPlay size={16} />} onClick={runModal.open}>
          Run
        </Button>
      ) : null}
      {status === 'Running' ? (
        <Button variant="light" color="yellow" leftSection={<IconPlayerPause size={16} />} loading={pause.isPending} onClick={() => pause.mutate()}>
          Pause
        </Button>
      ) : null}
      {status === 'Paused' ? (
        <Button leftSection={<IconPlayerPlay size={16} />} loading={resume.isPending} onClick={() => resume.mutate()}>
          Resume
        </Button>
      ) : null}
      {status === 'Running' || status === 'Paused' ? (
        <Button variant="default" leftSection={<IconRefresh size={16} />} loading={rerun.isPending} onClick={() => rerun.mutate()}>
          Initial sync
        </Button>
      ) : null}
      {['Running', 'Paused', 'Initializing', 'Error'].includes(status) ? (
        <Button variant="light" color="red" leftSection={<IconPlayerStop size={16} />} onClick={stopModal.open}>
          Stop
        </Button>
      ) : null}
      <Modal opened={runOpened} onClose={runModal.close} title="Run this map?" centered>
        <Stack gap="md">
          <Text size="sm">Changes made from now on sync live. An initial sync also brings the rows that exist today, matched by the integration key, {map.masterForInitialSync} first.</Text>
          <Checkbox label="Run initial sync of existing rows" checked={initialSync} onChange={(e) => setInitialSync(e.currentTarget.checked)} />
          {run.isError ? <Alert color="red" variant="light">{errorMessage(run.error)}</Alert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={runModal.close}>
              Cancel
            </Button>
            <Button loading={run.isPending} onClick={() => run.mutate()}>
              Run map
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={stopOpened} onClose={stopModal.close} title="Stop this map?" centered>
        <Stack gap="md">
          <Text size="sm">Changes made while the map is stopped are not queued: running it again starts from that moment, with an initial sync to catch up. To hold changes for later, pause instead.</Text>
          {stop.isError ? <Alert color="red" variant="light">{errorMessage(stop.error)}</Alert> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={stopModal.close}>
              Cancel
            </Button>
            <Button color="red" loading={stop.isPending} onClick={() => stop.mutate()}>
              Stop map
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
