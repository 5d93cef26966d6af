// What a list shows when it has nothing to show.
import { EmptyState } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface EmptyProps {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  children?: ReactNode;
}

export function Empty({ title, description, icon, children }: EmptyProps) {
  return (
    <EmptyState py="xl" title={title} description={description} icon={icon ?? <IconInbox size={24} />} variant="light" color="gray">
      {children}
    </EmptyState>
  );
}
