// Staff sign-in; afterwards back to the page the user was on, or All prospects.
import { Alert, Button, Center, Paper, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconHeartHandshake } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage, unwrap } from '../api/client.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { SecretInput } from '../ui/SecretInput.tsx';
import { meKey } from './useMe.ts';

type Field = 'email' | 'password';
const labels: Record<Field, string> = { email: 'E-mail', password: 'Password' };
const fieldOf = (path: string): Field | undefined => (path === 'email' || path === 'password' ? path : undefined);

/** Only pages of the back office and the CRM are followed after sign-in. */
function destination(next: string | null): string {
  if (next && /^\/(hq|sales)(\/|$)/.test(next) && !next.startsWith('/hq/sign-in')) return next;
  return '/hq';
}

export function SignInPage() {
  useDocumentTitle('Sign in · Handshake HQ');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();

  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/auth/sign-in', { body })),
    onSuccess: async (result) => {
      queryClient.clear();
      queryClient.setQueryData(meKey, { user: result.user, roles: result.user.roles });
      await navigate(destination(params.get('next')), { replace: true });
    },
    onError: (error) => {
      setErrors(fieldErrorsFrom(error, fieldOf, (field) => labels[field]));
      setFormError(allFieldsMapped(error, fieldOf) ? undefined : errorMessage(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    const found: FieldErrors<Field> = {};
    if (!email.trim()) found.email = 'E-mail is required';
    if (!password) found.password = 'Password is required';
    setErrors(found);
    if (found.email || found.password) return;
    signIn.mutate({ email: email.trim(), password });
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Stack w="100%" maw={400} gap="lg">
        <Stack align="center" gap="xs">
          <ThemeIcon size={48} radius="md">
            <IconHeartHandshake size={28} />
          </ThemeIcon>
          <Title order={1} fz={24}>
            Handshake HQ
          </Title>
          <Text c="dimmed" size="sm">
            Sign in with your staff account
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="md" p="xl">
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              {formError ? (
                <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                  {formError}
                </Alert>
              ) : null}
              <TextInput
                label="E-mail"
                type="email"
                autoComplete="username"
                required
                value={email}
                error={errors.email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                data-autofocus
                autoFocus
              />
              <SecretInput
                label="Password"
                autoComplete="current-password"
                required
                value={password}
                error={errors.password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
              <Button type="submit" fullWidth loading={signIn.isPending} mt="xs">
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text ta="center" size="sm">
          <Link to="/" style={{ color: 'var(--mantine-color-dimmed)' }}>
            Back to the storefront
          </Link>
        </Text>
      </Stack>
    </Center>
  );
}
