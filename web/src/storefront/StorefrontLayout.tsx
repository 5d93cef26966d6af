// The public storefront's frame: the store's name on top, a small footer with the staff sign-in link.
import { Anchor, Box, Button, Container, Group, Text, ThemeIcon } from '@mantine/core';
import { IconBuildingStore } from '@tabler/icons-react';
import { Link, Outlet } from 'react-router';
import { useStoreName } from './useStoreName.ts';

export function StorefrontLayout() {
  const storeName = useStoreName();
  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }} bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="md">
          <Group justify="space-between">
            <Anchor component={Link} to="/" underline="never" c="dark">
              <Group gap="xs" wrap="nowrap">
                <ThemeIcon size="lg" radius="md" variant="filled">
                  <IconBuildingStore size={20} />
                </ThemeIcon>
                <Text fw={700} size="lg">
                  {storeName}
                </Text>
              </Group>
            </Anchor>
            <Button component={Link} to="/partner/sign-up" variant="light" size="sm" visibleFrom="xs">
              Partner sign-up
            </Button>
          </Group>
        </Container>
      </Box>
      <Box component="main" style={{ flex: 1 }}>
        <Outlet />
      </Box>
      <Box component="footer" bg="white" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="md">
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              © {new Date().getFullYear()} {storeName}
            </Text>
            <Anchor component={Link} to="/hq" size="xs" c="dimmed">
              Staff sign-in
            </Anchor>
          </Group>
        </Container>
      </Box>
    </Box>
  );
}
