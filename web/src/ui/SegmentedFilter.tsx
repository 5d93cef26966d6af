// A labelled segmented control for filtering a list (All, or one value).
import { Input, SegmentedControl, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** A value shown as itself, or a value (kept in the address) with the words shown for it. */
type Option = string | { value: string; label: string };

interface SegmentedFilterProps {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  allLabel?: Option;
}

export function SegmentedFilter({ label, value, options, onChange, allLabel }: SegmentedFilterProps) {
  const { t } = useTranslation('common');
  const id = useId();
  // On a phone the choices stack, so the control stays inside its card.
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;
  return (
    <Stack gap={4} align="flex-start" w={narrow ? '100%' : undefined}>
      <Input.Label labelElement="div" id={id}>
        {label}
      </Input.Label>
      <SegmentedControl aria-labelledby={id} value={value} onChange={onChange} data={[allLabel ?? { value: 'All', label: t('ui.all') }, ...options]} orientation={narrow ? 'vertical' : 'horizontal'} fullWidth={narrow} />
    </Stack>
  );
}
