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
import { Trans, useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('hq');
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
      notifySuccess(t('prospectDecision.approved'), t('prospectDecision.approvedText', { account: result.customerAccount, hierarchy: result.hierarchyId }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });
  const person = fullName(prospect);

  return (
    <>
      <Button color="teal" leftSection={<IconCheck size={16} />} onClick={open}>
        {t('prospectDecision.approve')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('prospectDecision.approveTitle')} centered size="lg">
        <Stack gap="md">
          <Text size="sm">{t('prospectDecision.approveIntro')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>
              <Trans t={t} i18nKey="prospectDecision.approveOrganization" values={{ company: prospect.companyName }} components={{ b: <b /> }} />
            </List.Item>
            <List.Item>
              <Trans t={t} i18nKey="prospectDecision.approvePerson" values={{ person, email: prospect.email }} components={{ b: <b /> }} />
            </List.Item>
            <List.Item>
              <Trans t={t} i18nKey="prospectDecision.approveHierarchy" values={{ person }} components={{ b: <b /> }} />
            </List.Item>
          </List>
          <Text size="sm" c="dimmed">
            {t('prospectDecision.cannotBeUndone')}
          </Text>
          {approve.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(approve.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button color="teal" loading={approve.isPending} onClick={() => approve.mutate()} data-autofocus>
              {t('prospectDecision.approveProspect')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function RejectButton({ prospect }: { prospect: ProspectDetail }) {
  const { t } = useTranslation('hq');
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
      notifySuccess(t('prospectDecision.rejected'), t('prospectDecision.rejectedText'));
    },
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'reason') : undefined;
      if (issue) setReasonError(`${t('prospectDecision.reason')} ${issue.message}`);
      if (error instanceof ApiError && error.status === 409) refresh();
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('prospectDecision.reasonRequired'));
      return;
    }
    setReasonError(undefined);
    reject.mutate({ reason: reason.trim() });
  }

  const showError = reject.isError && !(reject.error instanceof ApiError && reject.error.fieldErrors.some((e) => e.path === 'reason'));

  return (
    <>
      <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={open}>
        {t('prospectDecision.reject')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('prospectDecision.rejectTitle')} centered size="lg">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              {t('prospectDecision.rejectIntro')}
            </Text>
            <Textarea
              label={t('prospectDecision.reason')}
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
                {t('common:ui.cancel')}
              </Button>
              <Button type="submit" color="red" loading={reject.isPending}>
                {t('prospectDecision.rejectProspect')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
