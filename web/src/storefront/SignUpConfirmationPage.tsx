// "Thank you": the request is in; the private link to follow it.
import { Anchor, Button, Container, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import type { PartnerRequestAccepted } from '../api/client.ts';
import { useStoreName } from './useStoreName.ts';

function isAccepted(state: unknown): state is PartnerRequestAccepted {
  return typeof state === 'object' && state !== null && typeof (state as Record<string, unknown>).statusPageUrl === 'string';
}

export function SignUpConfirmationPage() {
  const storeName = useStoreName();
  useDocumentTitle(`Thank you · ${storeName}`);
  const state: unknown = useLocation().state;
  const accepted = isAccepted(state) ? state : undefined;

  return (
    <Container size="sm" py={64}>
      <Paper withBorder radius="md" p="xl" shadow="xs">
        <Stack align="center" ta="center" gap="md">
          <ThemeIcon size={64} radius="xl" color="teal" variant="light">
            <IconCircleCheck size={40} />
          </ThemeIcon>
          <Title order={1}>Thank you</Title>
          {accepted ? (
            <>
              <Text c="dimmed" maw={460}>
                We have received your request to become a business partner of {storeName}. Our partner team will review it, and the page behind the link
                below shows where it stands. Keep the link: it is private to you.
              </Text>
              <Anchor component={Link} to={accepted.statusPageUrl} fw={600} size="lg">
                Follow your request
              </Anchor>
            </>
          ) : (
            <>
              <Text c="dimmed" maw={460}>
                If you have just sent a request, use the private link you were given to follow it.
              </Text>
              <Button component={Link} to="/" variant="light">
                Back to the store
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Container>
  );
}
