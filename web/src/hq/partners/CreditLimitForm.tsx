// The credit limit of an organization customer: its business partner's users see it on their account page.
import { Alert, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage, unwrap } from '../../api/client.ts';
import type { Customer } from '../../api/client.ts';
import { formatMoney, numberInputSeparators } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { Section } from '../../ui/Section.tsx';

const maximum = 1e15;

export function CreditLimitForm({ customer }: { customer: Customer }) {
  const { t } = useTranslation('hq');
  const queryClient = useQueryClient();
  const [limit, setLimit] = useState<string | number>(customer.creditLimit ?? '');
  const [limitError, setLimitError] = useState<string>();
  const save = useMutation({
    mutationFn: (creditLimit: number | null) => unwrap(api.PATCH('/api/hq/customers/{account}', { params: { path: { account: customer.account } }, body: { creditLimit } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(['hq', 'customer', updated.account], updated);
      void queryClient.invalidateQueries({ queryKey: ['hq', 'hierarchy'] });
      void queryClient.invalidateQueries({ queryKey: ['hq', 'customers'] });
      setLimit(updated.creditLimit ?? '');
      notifySuccess(
        t('partners.credit.saved'),
        updated.creditLimit === undefined
          ? t('partners.credit.savedNone', { name: updated.name })
          : t('partners.credit.savedAmount', { name: updated.name, amount: formatMoney(updated.creditLimit, updated.currency) }),
      );
    },
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'creditLimit') : undefined;
      setLimitError(issue ? `${t('partners.credit.limit')} ${issue.message}` : undefined);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (limit === '' || limit === null) {
      setLimitError(undefined);
      return save.mutate(null);
    }
    const value = typeof limit === 'number' ? limit : Number(limit);
    if (!Number.isFinite(value)) return setLimitError(t('partners.credit.notNumber'));
    if (value < 0) return setLimitError(t('partners.credit.negative'));
    if (value > maximum) return setLimitError(t('partners.credit.tooLarge'));
    setLimitError(undefined);
    save.mutate(Math.round(value * 100) / 100);
  }

  return (
    <Section title={t('partners.credit.title')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('partners.credit.intro')}
          </Text>
          <NumberInput
            label={t('partners.credit.limit')}
            description={t('partners.credit.limitHelp')}
            min={0}
            max={maximum}
            decimalScale={2}
            allowNegative={false}
            {...numberInputSeparators()}
            rightSection={<Text size="xs" c="dimmed">{customer.currency}</Text>}
            rightSectionWidth={48}
            value={limit}
            onChange={(value) => {
              setLimit(value);
              if (limitError) setLimitError(undefined);
            }}
            error={limitError}
          />
          {save.isError && !limitError ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(save.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" size="xs" loading={save.isPending}>
              {t('partners.credit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
