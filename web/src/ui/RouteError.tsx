// Shown when a page crashes while rendering: a way out instead of a blank screen.
import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFound } from './NotFound.tsx';

export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <Container size="sm" py={80}>
      <Stack align="center" ta="center" gap="sm">
        <Title order={1} fz={26}>
          Something went wrong
        </Title>
        <Text c="dimmed">The page could not be shown. Reloading usually helps; if it does not, tell your administrator.</Text>
        <Button variant="light" onClick={() => window.location.reload()} mt="sm">
          Reload the page
        </Button>
      </Stack>
    </Container>
  );
}
