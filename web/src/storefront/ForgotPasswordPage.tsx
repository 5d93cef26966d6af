// "Forgot your password?": asks for a reset link; the answer is the same whether or not the e-mail has an account.
import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconMailForward } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, errorMessage, unwrap } from '../api/client.ts';
import { useStoreName } from './useStoreName.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function ForgotPasswordPage() {
  const storeName = useStoreName();
  useDocumentTitle(`Forgot your password? · ${storeName}`);
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();

  const send = useMutation({
    mutationFn: (address: string) => unwrap(api.POST('/api/store/auth/forgot-password', { body: { email: address } })),
    onError: (error) => {
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'email') : undefined;
      setEmailError(issue ? `E-mail ${issue.message}` : undefined);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = email.trim();
    const problem = !trimmed ? 'E-mail is required' : !emailPattern.test(trimmed) ? 'E-mail must be a valid e-mail address' : undefined;
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
              Check your e-mail
            </Title>
            <Text c="dimmed" role="status">
              {send.data.message}
            </Text>
            <Anchor component={Link} to="/sign-in" mt="xs">
              Back to sign-in
            </Anchor>
          </Stack>
        </Paper>
      ) : (
        <>
          <Stack gap="xs" mb="lg" ta="center">
            <Title order={1}>Forgot your password?</Title>
            <Text c="dimmed">Enter the e-mail you sign in to {storeName} with, and we send you a link to choose a new password.</Text>
          </Stack>
          <Paper withBorder radius="md" p="xl" shadow="xs">
            <form onSubmit={onSubmit} noValidate aria-label="Forgot your password?">
              <Stack gap="md">
                {send.isError && !emailError ? (
                  <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                    {errorMessage(send.error)}
                  </Alert>
                ) : null}
                <TextInput
                  label="E-mail"
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
                  Send me a link
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text ta="center" size="sm" mt="lg">
            <Anchor component={Link} to="/sign-in" size="sm">
              Back to sign-in
            </Anchor>
          </Text>
        </>
      )}
    </Container>
  );
}
