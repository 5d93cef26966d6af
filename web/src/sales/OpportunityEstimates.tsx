// Work an open opportunity: estimated revenue, estimated close date and description, saved together.
import { Alert, Button, Group, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage, unwrap } from '../api/client.ts';
import type { OpportunityDetail } from '../api/client.ts';
import { fieldErrorsFrom } from '../ui/problems.ts';
import { notifySuccess } from '../ui/notify.ts';
import { Section } from '../ui/Section.tsx';
import { formatDate, numberInputSeparators } from '../ui/format.ts';

export function OpportunityEstimates({ opportunity }: { opportunity: OpportunityDetail }) {
  const [revenue, setRevenue] = useState<string | number>(opportunity.estimatedRevenue ?? '');
  const [closeDate, setCloseDate] = useState(opportunity.estimatedCloseDate ?? '');
  const [description, setDescription] = useState(opportunity.description ?? '');
  const queryClient = useQueryClient();
  const { t } = useTranslation('sales');
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/sales/opportunities/{id}', {
          params: { path: { id: opportunity.id } },
          body: { estimatedRevenue: revenue === '' ? null : Number(revenue), estimatedCloseDate: closeDate || null, description: description.trim() || null },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['sales'] });
      notifySuccess(t('estimates.saved'));
    },
  });
  const errors = fieldErrorsFrom(save.error, (path) => (['estimatedRevenue', 'estimatedCloseDate', 'description'].includes(path) ? path : undefined));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <Section title={t('estimates.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <NumberInput label={t('estimates.estimatedRevenue')} min={0} {...numberInputSeparators()} value={revenue} onChange={setRevenue} error={errors.estimatedRevenue} />
          <TextInput label={t('estimates.estimatedCloseDate')} type="date" description={closeDate ? formatDate(closeDate) : undefined} value={closeDate} onChange={(e) => setCloseDate(e.currentTarget.value)} error={errors.estimatedCloseDate} />
          <Textarea label={t('estimates.description')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={errors.description} />
          {save.isError && Object.keys(errors).length === 0 ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(save.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('estimates.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
