// A page for addresses that lead nowhere.
import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFound({ home = '/', homeLabel = 'Go to the home page' }: { home?: string; homeLabel?: string }) {
  return (
    <Container size="sm" py={80}>
      <Stack align="center" ta="center" gap="sm">
        <Text c="dimmed" fw={700} fz={48}>
          404
        </Text>
        <Title order={1} fz={26}>
          This page does not exist
        </Title>
        <Text c="dimmed">The address may be mistyped, or the page has moved.</Text>
        <Button component={Link} to={home} variant="light" mt="sm">
          {homeLabel}
        </Button>
      </Stack>
    </Container>
  );
}
