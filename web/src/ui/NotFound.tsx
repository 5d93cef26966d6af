// A page for addresses that lead nowhere.
import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound({ home = '/', homeLabel }: { home?: string; homeLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Container size="sm" py={80}>
      <Stack align="center" ta="center" gap="sm">
        <Text c="dimmed" fw={700} fz={48}>
          404
        </Text>
        <Title order={1} fz={26}>
          {t('ui.notFound')}
        </Title>
        <Text c="dimmed">{t('ui.notFoundText')}</Text>
        <Button component={Link} to={home} variant="light" mt="sm">
          {homeLabel ?? t('ui.goHome')}
        </Button>
      </Stack>
    </Container>
  );
}

/** The back office's 404, leading to the first page of HQ or of the CRM. */
export function BackOfficeNotFound({ area }: { area: 'hq' | 'sales' }) {
  const { t } = useTranslation();
  return area === 'hq' ? <NotFound home="/hq/prospects" homeLabel={t('ui.goToProspects')} /> : <NotFound home="/sales/leads" homeLabel={t('ui.goToLeads')} />;
}
