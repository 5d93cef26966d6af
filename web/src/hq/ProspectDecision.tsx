// Approve and Reject for a New prospect, each behind a modal that says what will happen.
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import type { ProspectDetail } from '../api/client.ts';
import { fullName } from '../ui/format.ts';
import { notifySuccess } from '../ui/notify.ts';

export function ProspectDecision({ prospect }: { prospect: ProspectDetail }) {
  return (
    <Group gap="sm">
      <ApproveButton prospect={prospect} />
      <RejectButton prospect={prospect} />
    </Group>
  );
}

function useRefreshProspect(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['hq', 'prospect', id] });
    void queryClient.invalidateQueries({ queryKey: ['hq', 'prospects'] });
  };
}

function ApproveButton({ prospect }: { prospect: ProspectDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const refresh = useRefreshProspect(prospect.id);
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: () => unwrap(api.POST('/api/hq/prospects/{id}/approve', { params: { path: { id: prospect.id } }, body: {} })),
    onSuccess: (result) => {
      // Show the outcome at once; the refetch below brings the rest of the decision.
      queryClient.setQueryData<ProspectDetail>(['hq', 'prospect', prospect.id], (current) =>
        current ? { ...current, status: 'Approved', ...result } : current,
      );
      refresh();
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'hierarchies'] });
      close();
      notifySuccess('Prospect approved', `Customer ${result.customerAccount} and customer hierarchy ${result.hierarchyId} were created.`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const person = fullName(prospect);

  return (
    <>
      <Button color="teal" leftSection={<IconCheck size={16} />} onClick={open}>
        Approve
      </Button>
      <Modal opened={opened} onClose={close} title="Approve this prospect?" centered size="lg">
        <Stack gap="md">
          <Text size="sm">Approving creates, in one step:</Text>
          <List size="sm" spacing={4}>
            <List.Item>
              an <b>organization customer</b> for {prospect.companyName},
            </List.Item>
            <List.Item>
              a <b>person customer</b> for {person} ({prospect.email}),
            </List.Item>
            <List.Item>
              a <b>customer hierarchy</b> with {person} as its <b>Admin</b>.
            </List.Item>
          </List>
          <Text size="sm" c="dimmed">
            The applicant's status page then shows the request as approved. This cannot be undone.
          </Text>
          {approve.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(approve.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="teal" loading={approve.isPending} onClick={() => approve.mutate()} data-autofocus>
              Approve prospect
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RejectButton({ prospect }: { prospect: ProspectDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const refresh = useRefreshProspect(prospect.id);
  const queryClient = useQueryClient();
  const reject = useMutation({
    mutationFn: (body: { reason: string }) => unwrap(api.POST('/api/hq/prospects/{id}/reject', { params: { path: { id: prospect.id } }, body })),
    onSuccess: (updated) => {
      queryClient.setQueryData<ProspectDetail>(['hq', 'prospect', prospect.id], (current) => (current ? { ...current, ...updated } : current));
      refresh();
      close();
      notifySuccess('Prospect rejected', 'The applicant will see the decision and your reason on their status page.');
    },
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'reason') : undefined;
      if (issue) setReasonError(`Reason ${issue.message}`);
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError('Reason is required');
      return;
    }
    setReasonError(undefined);
    reject.mutate({ reason: reason.trim() });
  }

  const showError = reject.isError && !(reject.error instanceof ApiError && reject.error.fieldErrors.some((e) => e.path === 'reason'));

  return (
    <>
      <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={open}>
        Reject
      </Button>
      <Modal opened={opened} onClose={close} title="Reject this prospect?" centered size="lg">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              No customers are created. The applicant sees that the request was not accepted, with the reason you give here, so write it for them.
            </Text>
            <Textarea
              label="Reason"
              required
              autosize
              minRows={3}
              maxRows={8}
              maxLength={1000}
              value={reason}
              error={reasonError}
              onChange={(event) => {
                setReason(event.currentTarget.value);
                if (reasonError && event.currentTarget.value.trim()) setReasonError(undefined);
              }}
              data-autofocus
            />
            {showError ? (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(reject.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={reject.isPending}>
                Reject prospect
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
