// Qualify, Disqualify and Reactivate a lead, each behind a dialog that says what will happen.
import { Alert, Button, Checkbox, Group, List, Modal, NativeSelect, Radio, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconRefresh, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { LeadDetail } from '../api/client.ts';
import { notifySuccess } from '../ui/notify.ts';
import { codeOptions, disqualifyReasons } from './labels.ts';

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
  const { t } = useTranslation('sales');
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
      notifySuccess(t('qualify.done'), t('qualify.doneText'));
      if (result.opportunityId) void navigate(`/sales/opportunities/${result.opportunityId}`);
    },
  });
  const found = duplicates.data;
  return (
    <>
      <Button color="teal" leftSection={<IconCheck size={16} />} onClick={open}>
        {t('qualify.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('qualify.title')} centered size="lg">
        <Stack gap="md">
          <Text size="sm">{t('qualify.intro')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{lead.companyName ? t('qualify.accountFor', { company: lead.companyName }) : t('qualify.accountForTheCompany')}</List.Item>
            <List.Item>
              {lead.email
                ? t('qualify.contactForWithEmail', { name: [lead.firstName, lead.lastName].filter(Boolean).join(' '), email: lead.email })
                : t('qualify.contactFor', { name: [lead.firstName, lead.lastName].filter(Boolean).join(' ') })}
            </List.Item>
            <List.Item>{t('qualify.opportunityItem')}</List.Item>
          </List>
          {found && found.accounts.length > 0 ? (
            <Radio.Group label={t('qualify.accountExists')} value={account} onChange={setAccount}>
              <Stack gap={4} mt={4}>
                <Radio value="new" label={t('qualify.newAccount')} />
                {found.accounts.map((a) => (
                  <Radio key={a.id} value={a.id} label={a.email ? t('qualify.linkToWithEmail', { name: a.name, email: a.email }) : t('qualify.linkTo', { name: a.name })} />
                ))}
              </Stack>
            </Radio.Group>
          ) : null}
          {found && found.contacts.length > 0 ? (
            <Radio.Group label={t('qualify.contactExists')} value={contact} onChange={setContact}>
              <Stack gap={4} mt={4}>
                <Radio value="new" label={t('qualify.newContact')} />
                {found.contacts.map((c) => (
                  <Radio key={c.id} value={c.id} label={c.email ? t('qualify.linkToWithEmail', { name: c.name, email: c.email }) : t('qualify.linkTo', { name: c.name })} />
                ))}
              </Stack>
            </Radio.Group>
          ) : null}
          <Checkbox label={t('qualify.createOpportunity')} checked={createOpportunity} onChange={(e) => setCreateOpportunity(e.currentTarget.checked)} />
          {qualify.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(qualify.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button color="teal" loading={qualify.isPending} onClick={() => qualify.mutate()} data-autofocus>
              {t('qualify.submit')}
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
  const { t } = useTranslation('sales');
  const disqualify = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/sales/leads/{id}/disqualify', { params: { path: { id: lead.id } }, body: { statusReason: reason as 'Lost' | 'CannotContact' | 'NoLongerInterested' | 'Canceled' } })),
    onSuccess: () => {
      refresh();
      close();
      notifySuccess(t('disqualify.done'));
    },
  });
  return (
    <>
      <Button color="red" variant="light" leftSection={<IconX size={16} />} onClick={open}>
        {t('disqualify.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('disqualify.title')} centered>
        <Stack gap="md">
          <Text size="sm">{lead.prospectId ? t('disqualify.textWithProspect') : t('disqualify.text')}</Text>
          <NativeSelect label={t('statusReason')} data={codeOptions(disqualifyReasons)} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {disqualify.isError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(disqualify.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common:ui.cancel')}
            </Button>
            <Button color="red" loading={disqualify.isPending} onClick={() => disqualify.mutate()}>
              {t('disqualify.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ReactivateButton({ lead }: { lead: LeadDetail }) {
  const refresh = useRefresh(lead.id);
  const { t } = useTranslation('sales');
  const reactivate = useMutation({
    mutationFn: () => unwrap(api.POST('/api/sales/leads/{id}/reactivate', { params: { path: { id: lead.id } } })),
    onSuccess: () => {
      refresh();
      notifySuccess(t('reactivate.done'));
    },
  });
  return (
    <Stack gap={4} align="flex-end">
      <Button variant="light" leftSection={<IconRefresh size={16} />} loading={reactivate.isPending} onClick={() => reactivate.mutate()}>
        {t('reactivate.button')}
      </Button>
      {reactivate.isError ? (
        <Text size="xs" c="red">
          {errorMessage(reactivate.error)}
        </Text>
      ) : null}
    </Stack>
  );
}
