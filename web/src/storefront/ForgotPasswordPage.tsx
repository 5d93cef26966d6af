// "Forgot your password?": asks for a reset link; the answer is the same whether or not the e-mail has an account.
import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconMailForward } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import { useStoreName } from './useStoreName.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ForgotPasswordPage() {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t('signIn.forgot')} · ${storeName}`);
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();

  const send = useMutation({
    mutationFn: (address: string) => unwrap(api.POST('/api/store/auth/forgot-password', { body: { email: address } })),
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'email') : undefined;
      setEmailError(issue ? t('problems.other', { label: t('fields.email'), problem: issue.message }) : undefined);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = email.trim();
    const label = t('fields.email');
    const problem = !trimmed ? t('problems.required', { label }) : !emailPattern.test(trimmed) ? t('problems.email', { label }) : undefined;
    setEmailError(problem);
    if (!problem) send.mutate(trimmed);
  }

  return (
    <Container size={460} py={56}>
      {send.isSuccess ? (
        <Paper withBorder radius="md" p="xl" shadow="xs">
          <Stack align="center" ta="center" gap="sm">
            <ThemeIcon size={56} radius="xl" color="teal" variant="light">
              <IconMailForward size={30} />
            </ThemeIcon>
            <Title order={1} fz={26}>
              {t('forgot.checkMail')}
            </Title>
            <Text c="dimmed" role="status">
              {t('forgot.sent')}
            </Text>
            <Anchor component={Link} to="/sign-in" mt="xs">
              {t('forgot.back')}
            </Anchor>
          </Stack>
        </Paper>
      ) : (
        <>
          <Stack gap="xs" mb="lg" ta="center">
            <Title order={1}>{t('signIn.forgot')}</Title>
            <Text c="dimmed">{t('forgot.intro', { storeName })}</Text>
          </Stack>
          <Paper withBorder radius="md" p="xl" shadow="xs">
            <form onSubmit={onSubmit} noValidate aria-label={t('signIn.forgot')}>
              <Stack gap="md">
                {send.isError && !emailError ? (
                  <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                    {errorMessage(send.error)}
                  </Alert>
                ) : null}
                <TextInput
                  label={t('fields.email')}
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  error={emailError}
                  maxLength={254}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  autoFocus
                />
                <Button type="submit" fullWidth size="md" loading={send.isPending}>
                  {t('forgot.send')}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text ta="center" size="sm" mt="lg">
            <Anchor component={Link} to="/sign-in" size="sm">
              {t('forgot.back')}
            </Anchor>
          </Text>
        </>
      )}
    </Container>
  );
}
