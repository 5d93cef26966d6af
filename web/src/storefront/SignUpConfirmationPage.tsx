// "Thank you": the request is in; the private link to follow it, shown in full with a copy button (it is shown only here).
import { ActionIcon, Anchor, Button, Container, CopyButton, Group, Paper, Stack, Text, TextInput, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCheck, IconCircleCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { PartnerRequestAccepted } from '../api/client.ts';
import { useStoreName } from './useStoreName.ts';

function isAccepted(state: unknown): state is PartnerRequestAccepted {
  return typeof state === 'object' && state !== null && typeof (state as Record<string, unknown>).statusPageUrl === 'string';
}

export function SignUpConfirmationPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('confirmation.title')} · ${storeName}`);
  const state: unknown = useLocation().state;
  const accepted = isAccepted(state) ? state : undefined;
  // The server answers with the page's path; the applicant keeps the whole address.
  const statusLink = accepted ? new URL(accepted.statusPageUrl, window.location.origin).href : '';

  return (
    <Container size="sm" py={64}>
      <Paper withBorder radius="md" p="xl" shadow="xs">
        <Stack align="center" ta="center" gap="md">
          <ThemeIcon size={64} radius="xl" color="teal" variant="light">
            <IconCircleCheck size={40} />
          </ThemeIcon>
          <Title order={1}>{t('confirmation.title')}</Title>
          {accepted ? (
            <>
              <Text c="dimmed" maw={460}>
                {t('confirmation.received', { storeName })}
              </Text>
              <Group gap="xs" wrap="nowrap" w="100%" maw={520} align="flex-end">
                <TextInput label={t('confirmation.linkLabel')} value={statusLink} readOnly style={{ flex: 1 }} ta="left" onFocus={(event) => event.currentTarget.select()} />
                <CopyButton value={statusLink}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? t('confirmation.copied') : t('confirmation.copy')} withArrow>
                      <ActionIcon size="input-sm" variant="light" color={copied ? 'teal' : undefined} onClick={copy} aria-label={copied ? t('confirmation.copied') : t('confirmation.copy')}>
                        {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
              <Anchor component={Link} to={accepted.statusPageUrl} fw={600} size="lg">
                {t('confirmation.follow')}
              </Anchor>
            </>
          ) : (
            <>
              <Text c="dimmed" maw={460}>
                {t('confirmation.noRequest')}
              </Text>
              <Button component={Link} to="/" variant="light">
                {t('confirmation.backToStore')}
              </Button>
            </>
          )}
        </Stack>
      </Paper>
    </Container>
  );
}
