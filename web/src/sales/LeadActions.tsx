// Qualify, Disqualify and Reactivate a lead, each behind a dialog that says what will happen.
import { Alert, Button, Checkbox, Group, List, Modal, NativeSelect, Radio, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconRefresh, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { LeadDetail } from '../api/client.ts';
import { notifySuccess } from '../ui/notify.ts';
import { disqualifyReasons } from './labels.ts';

export function LeadActions({ lead }: { lead: LeadDetail }) {
  if (lead.state === 'Disqualified') return <ReactivateButton lead={lead} />;
  if (lead.state !== 'Open') return null;
  return (
    <Group gap="sm">
      <QualifyButton lead={lead} />
      <DisqualifyButton lead={lead} />
    </Group>
  );
}

function useRefresh(id: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: ['sales'] }).then(() => queryClient.invalidateQueries({ queryKey: ['sales', 'lead', id] }));
}

function QualifyButton({ lead }: { lead: LeadDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const refresh = useRefresh(lead.id);
  const [account, setAccount] = useState('new');
  const [contact, setContact] = useState('new');
  const [createOpportunity, setCreateOpportunity] = useState(true);
  const duplicates = useQuery({
    queryKey: ['sales', 'lead', lead.id, 'duplicates'],
    queryFn: () => unwrap(api.GET('/api/sales/leads/{id}/duplicates', { params: { path: { id: lead.id } } })),
    enabled: opened,
  });
  const qualify = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/sales/leads/{id}/qualify', {
          params: { path: { id: lead.id } },
          body: {
            createOpportunity,
            ...(account !== 'new' ? { existingAccountId: account } : {}),
            ...(contact !== 'new' ? { existingContactId: contact } : {}),
            ignoreDuplicates: true,
          },
        }),
      ),
    onSuccess: (result) => {
      refresh();
      close();
      notifySuccess('Lead qualified', 'The opportunity, account and contact are linked to this lead.');
      if (result.opportunityId) void navigate(`/sales/opportunities/${result.opportunityId}`);
    },
  });
  const found = duplicates.data;
  return (
    <>
      <Button color="teal" leftSection={<IconCheck size={16} />} onClick={open}>
        Qualify
      </Button>
      <Modal opened={opened} onClose={close} title="Qualify this lead?" centered size="lg">
        <Stack gap="md">
          <Text size="sm">Qualifying closes the lead as Qualified and creates, linked to it:</Text>
          <List size="sm" spacing={4}>
            <List.Item>an account for {lead.companyName ?? 'the company'},</List.Item>
            <List.Item>
              a contact for {[lead.firstName, lead.lastName].filter(Boolean).join(' ')}
              {lead.email ? ` (${lead.email})` : ''},
            </List.Item>
            <List.Item>an opportunity, which opens next.</List.Item>
          </List>
          {found && found.accounts.length > 0 ? (
            <Radio.Group label="An account with this company name exists" value={account} onChange={setAccount}>
              <Stack gap={4} mt={4}>
                <Radio value="new" label="Create a new account" />
                {found.accounts.map((a) => (
                  <Radio key={a.id} value={a.id} label={`Link to ${a.name}${a.email ? ` (${a.email})` : ''}`} />
                ))}
              </Stack>
            </Radio.Group>
          ) : null}
          {found && found.contacts.length > 0 ? (
            <Radio.Group label="A contact with this e-mail exists" value={contact} onChange={setContact}>
              <Stack gap={4} mt={4}>
                <Radio value="new" label="Create a new contact" />
                {found.contacts.map((c) => (
                  <Radio key={c.id} value={c.id} label={`Link to ${c.name}${c.email ? ` (${c.email})` : ''}`} />
                ))}
              </Stack>
            </Radio.Group>
          ) : null}
          <Checkbox label="Create an opportunity" checked={createOpportunity} onChange={(e) => setCreateOpportunity(e.currentTarget.checked)} />
          {qualify.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(qualify.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="teal" loading={qualify.isPending} onClick={() => qualify.mutate()} data-autofocus>
              Qualify lead
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function DisqualifyButton({ lead }: { lead: LeadDetail }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState<string>('Lost');
  const refresh = useRefresh(lead.id);
  const disqualify = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/sales/leads/{id}/disqualify', { params: { path: { id: lead.id } }, body: { statusReason: reason as 'Lost' | 'CannotContact' | 'NoLongerInterested' | 'Canceled' } })),
    onSuccess: () => {
      refresh();
      close();
      notifySuccess('Lead disqualified');
    },
  });
  return (
    <>
      <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={open}>
        Disqualify
      </Button>
      <Modal opened={opened} onClose={close} title="Disqualify this lead?" centered>
        <Stack gap="md">
          <Text size="sm">The lead moves to Closed leads and can be reactivated later.{lead.prospectId ? ' Its HQ prospect is rejected with this reason.' : ''}</Text>
          <NativeSelect label="Status reason" data={disqualifyReasons.map((r) => ({ value: r.value, label: r.label }))} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {disqualify.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(disqualify.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" loading={disqualify.isPending} onClick={() => disqualify.mutate()}>
              Disqualify lead
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ReactivateButton({ lead }: { lead: LeadDetail }) {
  const refresh = useRefresh(lead.id);
  const reactivate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sales/leads/{id}/reactivate', { params: { path: { id: lead.id } } })),
    onSuccess: () => {
      refresh();
      notifySuccess('Lead reactivated');
    },
  });
  return (
    <Stack gap={4} align="flex-end">
      <Button variant="light" leftSection={<IconRefresh size={16} />} loading={reactivate.isPending} onClick={() => reactivate.mutate()}>
        Reactivate
      </Button>
      {reactivate.isError ? (
        <Text size="xs" c="red">
          {errorMessage(reactivate.error)}
        </Text>
      ) : null}
    </Stack>
  );
}
