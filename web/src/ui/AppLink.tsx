// A router link styled as a Mantine anchor.
import { Anchor } from '@mantine/core';
import type { AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface AppLinkProps extends AnchorProps {
  to: string;
  children: ReactNode;
}

export function AppLink({ to, children, ...props }: AppLinkProps) {
  return (
    <Anchor component={Link} to={to} {...props}>
      {children}
    </Anchor>
  );
}
