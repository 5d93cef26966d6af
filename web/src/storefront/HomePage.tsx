// The storefront's landing page: what a business gets, and the way in.
import { Box, Button, Card, Container, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowRight, IconFileInvoice, IconReceiptTax, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { signedInPartner, usePartnerMe } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';

/** Each benefit's title and text are home.benefits.<key>.title / .text. */
const benefits: { icon: ReactNode; key: string }[] = [
  { icon: <IconReceiptTax size={22} />, key: 'pricing' },
  { icon: <IconFileInvoice size={22} />, key: 'account' },
  { icon: <IconUsersGroup size={22} />, key: 'team' },
];

const steps = ['tell', 'review', 'buy'];

function PartnerButton({ size = 'lg' }: { size?: 'md' | 'lg' }) {
  const { t } = useTranslation('storefront');
  // A signed-in partner has nothing to sign up for: the way in is the catalogue.
  if (signedInPartner(usePartnerMe())) {
    return (
      <Button component={Link} to="/products" size={size} rightSection={<IconArrowRight size={18} />}>
        {t('home.startBuying')}
      </Button>
    );
  }
  return (
    <Button component={Link} to="/partner/sign-up" size={size} rightSection={<IconArrowRight size={18} />}>
      {t('signUp.title')}
    </Button>
  );
}

export function HomePage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(storeName);
  const partner = signedInPartner(usePartnerMe());
  return (
    <>
      <Box
        py={{ base: 56, sm: 96 }}
        style={{ background: 'linear-gradient(135deg, var(--mantine-color-indigo-7) 0%, var(--mantine-color-indigo-9) 60%, var(--mantine-color-dark-7) 100%)' }}
      >
        <Container size="lg">
          <Stack gap="lg" maw={640}>
            <Text c="indigo.1" fw={600} tt="uppercase" size="sm" style={{ letterSpacing: 1 }}>
              {t('home.kicker', { storeName })}
            </Text>
            <Title order={1} c="white" fz={{ base: 36, sm: 52 }} lh={1.1}>
              {t('home.title')}
            </Title>
            <Text c="indigo.0" size="lg">
              {t('home.intro')}
            </Text>
            <Group>
              {partner ? (
                <Button component={Link} to="/products" size="lg" variant="white" rightSection={<IconArrowRight size={18} />}>
                  {t('home.startBuying')}
                </Button>
              ) : (
                <Button component={Link} to="/partner/sign-up" size="lg" variant="white" rightSection={<IconArrowRight size={18} />}>
                  {t('signUp.title')}
                </Button>
              )}
            </Group>
          </Stack>
        </Container>
      </Box>

      <Container size="lg" py={64}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          {benefits.map((benefit) => (
            <Card key={benefit.key} withBorder radius="md" padding="lg">
              <ThemeIcon size={44} radius="md" variant="light">
                {benefit.icon}
              </ThemeIcon>
              <Title order={2} fz="lg" mt="md">
                {t(`home.benefits.${benefit.key}.title`)}
              </Title>
              <Text c="dimmed" size="sm" mt={6}>
                {t(`home.benefits.${benefit.key}.text`)}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Container>

      <Box bg="white" py={64}>
        <Container size="lg">
          <Title order={2} ta="center">
            {t('home.howItWorks')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xl" mt="xl">
            {steps.map((step, index) => (
              <Stack key={step} gap={6} align="center" ta="center">
                <ThemeIcon size={40} radius="xl" variant="filled">
                  <Text fw={700}>{index + 1}</Text>
                </ThemeIcon>
                <Text fw={600}>{t(`home.steps.${step}.title`)}</Text>
                <Text c="dimmed" size="sm" maw={280}>
                  {t(`home.steps.${step}.text`)}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
          <Group justify="center" mt={48}>
            <PartnerButton size="md" />
          </Group>
        </Container>
      </Box>
    </>
  );
}
