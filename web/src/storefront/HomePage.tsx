// The storefront's landing page: what a business gets, and the way in.
import { Box, Button, Card, Container, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowRight, IconFileInvoice, IconReceiptTax, IconUsersGroup } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { signedInPartner, usePartnerMe } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';

const benefits: { icon: ReactNode; title: string; text: string }[] = [
  { icon: <IconReceiptTax size={22} />, title: 'Business pricing', text: 'Trade prices and volume discounts on the whole range, shown as soon as you sign in.' },
  { icon: <IconFileInvoice size={22} />, title: 'Buy on account', text: 'Order now and pay by invoice on agreed terms, with a credit limit that fits your business.' },
  { icon: <IconUsersGroup size={22} />, title: 'One account, whole team', text: 'Invite your colleagues as buyers, keep one view of every order your company places.' },
];

const steps = [
  { title: 'Tell us about your company', text: 'A two-minute form: who you are and where you are.' },
  { title: 'We review your request', text: 'Our partner team checks it, usually within one business day. Follow it on your private status page.' },
  { title: 'Start buying', text: 'Once approved, your company account is ready and you are its administrator.' },
];

function PartnerButton({ size = 'lg' }: { size?: 'md' | 'lg' }) {
  // A signed-in partner has nothing to sign up for: the way in is the catalogue.
  if (signedInPartner(usePartnerMe())) {
    return (
      <Button component={Link} to="/products" size={size} rightSection={<IconArrowRight size={18} />}>
        Start buying
      </Button>
    );
  }
  return (
    <Button component={Link} to="/partner/sign-up" size={size} rightSection={<IconArrowRight size={18} />}>
      Become a business partner
    </Button>
  );
}

export function HomePage() {
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
              Business accounts at {storeName}
            </Text>
            <Title order={1} c="white" fz={{ base: 36, sm: 52 }} lh={1.1}>
              Buy for your business
            </Title>
            <Text c="indigo.0" size="lg">
              Open a business account and get trade pricing, ordering on account and one shared account for everyone on your team who buys.
            </Text>
            <Group>
              {partner ? (
                <Button component={Link} to="/products" size="lg" variant="white" rightSection={<IconArrowRight size={18} />}>
                  Start buying
                </Button>
              ) : (
                <Button component={Link} to="/partner/sign-up" size="lg" variant="white" rightSection={<IconArrowRight size={18} />}>
                  Become a business partner
                </Button>
              )}
            </Group>
          </Stack>
        </Container>
      </Box>

      <Container size="lg" py={64}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          {benefits.map((benefit) => (
            <Card key={benefit.title} withBorder radius="md" padding="lg">
              <ThemeIcon size={44} radius="md" variant="light">
                {benefit.icon}
              </ThemeIcon>
              <Title order={2} fz="lg" mt="md">
                {benefit.title}
              </Title>
              <Text c="dimmed" size="sm" mt={6}>
                {benefit.text}
              </Text>
            </Card>
          ))}
        </SimpleGrid>
      </Container>

      <Box bg="white" py={64}>
        <Container size="lg">
          <Title order={2} ta="center">
            How it works
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xl" mt="xl">
            {steps.map((step, index) => (
              <Stack key={step.title} gap={6} align="center" ta="center">
                <ThemeIcon size={40} radius="xl" variant="filled">
                  <Text fw={700}>{index + 1}</Text>
                </ThemeIcon>
                <Text fw={600}>{step.title}</Text>
                <Text c="dimmed" size="sm" maw={280}>
                  {step.text}
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
