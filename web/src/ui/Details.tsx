// Label/value pairs (a description list) for detail pages.
import { DataList, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export type DetailItem = [label: string, value: ReactNode];

export function Details({ items, labelWidth = 160 }: { items: DetailItem[]; labelWidth?: number }) {
  return (
    <DataList labelWidth={labelWidth} gap="xs" size="sm">
      {items.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>
            <Text span c="dimmed" size="sm">
              {label}
            </Text>
          </DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value === undefined || value === null || value === '' ? '—' : value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
