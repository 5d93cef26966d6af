// The credit limit of an organization customer: its business partner's users see it on their account page.
import { Alert, Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, ApiError, errorMessage, unwrap } from '../../api/client.ts';
import type { Customer } from '../../api/client.ts';
import { formatAmount } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { Section } from '../../ui/Section.tsx';

const maximum = 1e15;

export function CreditLimitForm({ customer }: { customer: Customer }) {
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
        'Credit limit saved',
        updated.creditLimit === undefined ? `${updated.name} has no credit limit.` : `The credit limit of ${updated.name} is ${formatAmount(updated.creditLimit)}.`,
      );
    },
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'creditLimit') : undefined;
      setLimitError(issue ? `Credit limit ${issue.message}` : undefined);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (limit === '' || limit === null) {
      setLimitError(undefined);
      return save.mutate(null);
    }
    const value = typeof limit === 'number' ? limit : Number(limit);
    if (!Number.isFinite(value)) return setLimitError('Credit limit must be a number');
    if (value < 0) return setLimitError('Credit limit must be 0 or more');
    if (value > maximum) return setLimitError('Credit limit is too large');
    setLimitError(undefined);
    save.mutate(Math.round(value * 100) / 100);
  }

  return (
    <Section title="Credit">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The users of this organization's business partner see the credit limit on their account page in the store.
          </Text>
          <NumberInput
            label="Credit limit"
            description="Leave empty for no limit"
            min={0}
            max={maximum}
            decimalScale={2}
            allowNegative={false}
            thousandSeparator=","
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
              Save credit limit
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
