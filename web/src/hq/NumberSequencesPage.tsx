// Number sequences: the format and next value of customer accounts, hierarchy IDs and the like.
import { ActionIcon, Button, Group, NumberInput, Paper, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { NumberSequence } from '../api/client.ts';
import { Empty } from '../ui/Empty.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatNumber, numberInputSeparators } from '../ui/format.ts';
import { notifyError, notifySuccess } from '../ui/notify.ts';
import { PageHeader } from '../ui/PageHeader.tsx';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { TableSkeleton } from '../ui/TableSkeleton.tsx';
import { AdminOnly } from './AdminOnly.tsx';
import { useTranslation } from 'react-i18next';

type Field = 'prefix' | 'width' | 'nextValue';
const fieldOf = (path: string): Field | undefined => (path === 'prefix' || path === 'width' || path === 'nextValue' ? path : undefined);

export function NumberSequencesPage() {
  const { t } = useTranslation('hq');
  return (
    <>
      <PageHeader title={t('numberSequences.title')} description={t('numberSequences.description')} />
      <AdminOnly>
        <SequenceTable />
      </AdminOnly>
    </>
  );
}

function SequenceTable() {
  const { t } = useTranslation('hq');
  const sequences = useQuery({ queryKey: ['hq', 'number-sequences'], queryFn: () => unwrap(api.GET('/api/hq/number-sequences')) });
  return (
    <Paper withBorder radius="md" p="md">
      {!sequences.data ? (
        sequences.isError ? (
          <ErrorAlert error={sequences.error} title={t('numberSequences.loadError')} />
        ) : (
          <TableSkeleton rows={4} />
        )
      ) : sequences.data.items.length === 0 ? (
        <Empty title={t('numberSequences.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('jobs.columns.code')}</Table.Th>
                <Table.Th>{t('jobs.columns.name')}</Table.Th>
                <Table.Th>{t('numberSequences.fields.prefix')}</Table.Th>
                <Table.Th>{t('numberSequences.fields.width')}</Table.Th>
                <Table.Th>{t('numberSequences.fields.nextValue')}</Table.Th>
                <Table.Th>{t('numberSequences.nextNumber')}</Table.Th>
                <Table.Th>
                  <Text span size="sm" fw={700}>
                    {t('staffUsers.columns.actions')}
                  </Text>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sequences.data.items.map((sequence) => (
                <SequenceRow key={sequence.code} sequence={sequence} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** The next number as it will look; the width is kept within its limits so the preview stays readable. */
function preview(prefix: string, width: number, nextValue: number): string {
  return `${prefix}${String(nextValue).padStart(Math.min(Math.max(width, 1), 12), '0')}`;
}

function SequenceRow({ sequence }: { sequence: NumberSequence }) {
  const { t } = useTranslation('hq');
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return (
      <Table.Tr>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {sequence.code}
          </Text>
        </Table.Td>
        <Table.Td>{sequence.name}</Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {sequence.prefix || '—'}
          </Text>
        </Table.Td>
        <Table.Td>{sequence.width}</Table.Td>
        <Table.Td>{formatNumber(sequence.nextValue)}</Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace" fw={600}>
            {sequence.nextNumber}
          </Text>
        </Table.Td>
        <Table.Td>
          <Tooltip label={t('products.edit')}>
            <ActionIcon variant="subtle" onClick={() => setEditing(true)} aria-label={t('numberSequences.editLabel', { code: sequence.code })}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
        </Table.Td>
      </Table.Tr>
    );
  }
  return <SequenceEditRow sequence={sequence} onDone={() => setEditing(false)} />;
}

function SequenceEditRow({ sequence, onDone }: { sequence: NumberSequence; onDone: () => void }) {
  const { t } = useTranslation('hq');
  const labels: Record<Field, string> = { prefix: t('numberSequences.fields.prefix'), width: t('numberSequences.fields.width'), nextValue: t('numberSequences.fields.nextValue') };
  const queryClient = useQueryClient();
  const [prefix, setPrefix] = useState(sequence.prefix);
  const [width, setWidth] = useState<number | string>(sequence.width);
  const [nextValue, setNextValue] = useState<number | string>(sequence.nextValue);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});

  const save = useMutation({
    mutationFn: (body: { prefix: string; width: number; nextValue: number }) =>
      unwrap(api.PATCH('/api/hq/number-sequences/{code}', { params: { path: { code: sequence.code } }, body })),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: ['hq', 'number-sequences'] });
      notifySuccess(t('numberSequences.saved'), t('numberSequences.savedText', { name: updated.name.toLowerCase(), number: updated.nextNumber }));
      onDone();
    },
    onError: (error) => {
      setErrors(fieldErrorsFrom(error, fieldOf, (field) => labels[field]));
      if (!allFieldsMapped(error, fieldOf)) notifyError(error, t('numberSequences.saveError'));
    },
  });

  function submit() {
    const found: FieldErrors<Field> = {};
    if (prefix.length > 10) found.prefix = t('numberSequences.prefixTooLong');
    else if (!/^[A-Za-z0-9-]*$/.test(prefix)) found.prefix = t('numberSequences.prefixInvalid');
    if (typeof width !== 'number' || !Number.isInteger(width) || width < 1 || width > 12) found.width = t('numberSequences.widthRange');
    if (typeof nextValue !== 'number' || !Number.isInteger(nextValue) || nextValue < 1) found.nextValue = t('numberSequences.nextValueMin');
    setErrors(found);
    if (Object.keys(found).length > 0 || typeof width !== 'number' || typeof nextValue !== 'number') return;
    save.mutate({ prefix, width, nextValue });
  }

  const shown = typeof width === 'number' && typeof nextValue === 'number' ? preview(prefix, width, nextValue) : '—';
  return (
    <Table.Tr bg="indigo.0">
      <Table.Td>
        <Text size="sm" ff="monospace">
          {sequence.code}
        </Text>
      </Table.Td>
      <Table.Td>{sequence.name}</Table.Td>
      <Table.Td>
        <TextInput
          label={labels.prefix}
          size="xs"
          w={110}
          value={prefix}
          maxLength={10}
          error={errors.prefix}
          onChange={(event) => setPrefix(event.currentTarget.value)}
          data-autofocus
        />
      </Table.Td>
      <Table.Td>
        <NumberInput label={labels.width} size="xs" w={80} min={1} max={12} allowDecimal={false} allowNegative={false} value={width} error={errors.width} onChange={setWidth} />
      </Table.Td>
      <Table.Td>
        <NumberInput
          label={labels.nextValue}
          size="xs"
          w={130}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          {...numberInputSeparators()}
          value={nextValue}
          error={errors.nextValue}
          onChange={setNextValue}
        />
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" fw={600}>
          {shown}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Button size="xs" loading={save.isPending} onClick={submit}>
            {t('numberSequences.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common:ui.cancel')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
