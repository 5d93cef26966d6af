// A table header that sorts by its column: first click ascending (descending for dates), second click reverses.
import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface SortableThProps<F extends string> {
  field: F;
  /** The current sort: `field` ascending, `-field` descending. */
  sort: string;
  onSort: (sort: string) => void;
  descendingFirst?: boolean;
  children: ReactNode;
}

export function SortableTh<F extends string>({ field, sort, onSort, descendingFirst = false, children }: SortableThProps<F>) {
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const next = active ? (descending ? field : `-${field}`) : descendingFirst ? `-${field}` : field;
  const Icon = active ? (descending ? IconChevronDown : IconChevronUp) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'} p={0}>
      <UnstyledButton onClick={() => onSort(next)} px="sm" py={8} w="100%">
        <Group gap={4} wrap="nowrap" justify="space-between">
          <Text fw={700} fz="sm">
            {children}
          </Text>
          <Icon size={14} stroke={1.8} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
