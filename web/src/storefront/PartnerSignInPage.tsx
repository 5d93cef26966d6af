// Partner sign-in on the storefront; afterwards My account, or the page the user was sent here from.
import { Alert, Anchor, Button, Container, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage, unwrap } from '../api/client.ts';
import { allFieldsMapped, fieldErrorsFrom } from '../ui/problems.ts';
import type { FieldErrors } from '../ui/problems.ts';
import { SecretInput } from '../ui/SecretInput.tsx';
import { afterSignIn, organizationUsersKey, partnerMeKey, signInMessage } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';

type Field = 'email' | 'password';
const labels: Record<Field, string> = { email: 'E-mail', password: 'Password' };
const fieldOf = (path: string): Field | undefined => (path === 'email' || path === 'password' ? path : undefined);

export function PartnerSignInPage() {
  const storeName = useStoreName();
  useDocumentTitle(`Sign in · ${storeName}`);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const arrivalMessage = signInMessage(useLocation().state);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();

  const signIn = useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/store/auth/sign-in', { body })),
    onSuccess: async () => {
      // Whatever an earlier session of this browser loaded is not this user's.
      queryClient.removeQueries({ queryKey: partnerMeKey });
      queryClient.removeQueries({ queryKey: organizationUsersKey });
      await navigate(afterSignIn(params.get('next')), { replace: true });
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
    <Container size={460} py={56}>
      <Stack gap="xs" mb="lg" ta="center">
        <Title order={1}>Sign in</Title>
        <Text c="dimmed">Sign in to your business account at {storeName}.</Text>
      </Stack>
      <Paper withBorder radius="md" p="xl" shadow="xs">
        <form onSubmit={onSubmit} noValidate aria-label="Sign in">
          <Stack gap="md">
            {arrivalMessage && !formError ? (
              <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} role="status">
                {arrivalMessage}
              </Alert>
            ) : null}
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
              maxLength={254}
              onChange={(event) => setEmail(event.currentTarget.value)}
              autoFocus
            />
            <SecretInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              error={errors.password}
              maxLength={200}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <Group justify="flex-end" mt={-8}>
              <Anchor component={Link} to="/forgot-password" size="sm">
                Forgot your password?
              </Anchor>
            </Group>
            <Button type="submit" fullWidth size="md" loading={signIn.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text ta="center" size="sm" c="dimmed" mt="lg">
        No business account yet?{' '}
        <Anchor component={Link} to="/partner/sign-up" size="sm">
          Become a business partner
        </Anchor>
      </Text>
    </Container>
  );
}
