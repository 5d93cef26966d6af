// A labelled segmented control for filtering a list (All, or one value).
import { Input, SegmentedControl, Stack } from '@mantine/core';
import { useId } from 'react';

interface SegmentedFilterProps {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  allLabel?: string;
}

export function SegmentedFilter({ label, value, options, onChange, allLabel = 'All' }: SegmentedFilterProps) {
  const id = useId();
  return (
    <Stack gap={4} align="flex-start">
      <Input.Label labelElement="div" id={id}>
        {label}
      </Input.Label>
      <SegmentedControl aria-labelledby={id} value={value} onChange={onChange} data={[allLabel, ...options]} />
    </Stack>
  );
}
