// Close as won or lost: the close dialog records an opportunity close record with what happened.
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { CloseBody, OpportunityDetail } from '../api/client.ts';
import { fieldErrorsFrom } from '../ui/problems.ts';
import { notifySuccess } from '../ui/notify.ts';
import { codeOptions, lostReasons } from './labels.ts';
import { formatDate, numberInputSeparators } from '../ui/format.ts';

export function CloseOpportunityModal({ opportunity, outcome, onClose }: { opportunity: OpportunityDetail; outcome: 'Won' | 'Lost'; onClose: () => void }) {
  const [reason, setReason] = useState<string>(outcome === 'Won' ? 'Won' : 'OutSold');
  const [revenue, setRevenue] = useState<string | number>(outcome === 'Won' ? (opportunity.estimatedRevenue ?? '') : '');
  const [closeDate, setCloseDate] = useState(new Date().toISOString().slice(0, 10));
  const [competitor, setCompetitor] = useState('');
  const [description, setDescription] = useState('');
  const queryClient = useQueryClient();
  const { t } = useTranslation('sales');
  const close = useMutation({
    mutationFn: (body: CloseBody) => unwrap(api.POST('/api/sales/opportunities/{id}/close', { params: { path: { id: opportunity.id } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['sales'] });
      notifySuccess(outcome === 'Won' ? t('close.closedWon') : t('close.closedLost'));
      onClose();
    },
  });
  const errors = fieldErrorsFrom(close.error, (path) => (['actualRevenue', 'closeDate', 'competitor', 'description', 'statusReason'].includes(path) ? path : undefined));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    close.mutate({
      status: outcome,
      statusReason: reason as CloseBody['statusReason'],
      ...(revenue !== '' ? { actualRevenue: Number(revenue) } : {}),
      ...(closeDate ? { closeDate } : {}),
      ...(competitor.trim() ? { competitor: competitor.trim() } : {}),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
  }

  return (
    <Modal opened onClose={onClose} title={outcome === 'Won' ? t('close.won') : t('close.lost')} centered>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <NativeSelect
            label={t('statusReason')}
            data={outcome === 'Won' ? codeOptions(['Won']) : codeOptions(lostReasons)}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <NumberInput label={t('close.actualRevenue')} min={0} {...numberInputSeparators()} value={revenue} onChange={setRevenue} error={errors.actualRevenue} />
          <TextInput label={t('close.closeDate')} type="date" description={closeDate ? formatDate(closeDate) : undefined} value={closeDate} onChange={(e) => setCloseDate(e.currentTarget.value)} error={errors.closeDate} />
          {outcome === 'Lost' ? <TextInput label={t('close.competitor')} value={competitor} onChange={(e) => setCompetitor(e.currentTarget.value)} error={errors.competitor} /> : null}
          <Textarea label={t('close.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
          {close.isError && Object.keys(errors).length === 0 ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(close.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:ui.cancel')}
            </Button>
            <Button type="submit" color={outcome === 'Won' ? 'teal' : 'red'} loading={close.isPending}>
              {t('close.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
