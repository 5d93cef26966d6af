// Shown when a page crashes while rendering: a way out instead of a blank screen.
import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFound } from './NotFound.tsx';

export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  return (
    <Container size="sm" py={80}>
      <Stack align="center" ta="center" gap="sm">
        <Title order={1} fz={26}>
          {t('ui.somethingWentWrong')}
        </Title>
        <Text c="dimmed">{t('ui.crashText')}</Text>
        <Button variant="light" onClick={() => window.location.reload()} mt="sm">
          {t('ui.reload')}
        </Button>
      </Stack>
    </Container>
  );
}
