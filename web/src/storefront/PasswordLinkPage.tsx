// The pages behind the links in invitation and password-reset mails: choose a password, then you are signed in.
// The token travels in the address's fragment (never sent to a server by the browser) and in a POST body.
import { Alert, Anchor, Button, Container, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconLinkOff } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, ApiError, errorMessage, isStatus, unwrap } from '../api/client.ts';
import type { PasswordLink } from '../api/client.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { formatDateTime } from '../ui/format.ts';
import { organizationUsersKey, partnerMeKey, passwordProblems } from './partnerSession.ts';
import { useStoreName } from './useStoreName.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';

type Kind = PasswordLink['kind'];

const wording: Record<Kind, { title: string; button: string; path: '/api/store/auth/accept-invitation' | '/api/store/auth/reset-password' }> = {
  invitation: { title: 'Accept your invitation', button: 'Set password and sign in', path: '/api/store/auth/accept-invitation' },
  reset: { title: 'Choose a new password', button: 'Set new password and sign in', path: '/api/store/auth/reset-password' },
};

/** The server accepts tokens of 10 to 200 characters; anything else cannot be a link of ours. */
function tokenOf(hash: string): string | undefined {
  const token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  return token.length >= 10 && token.length <= 200 ? token : undefined;
}

export function PasswordLinkPage({ kind }: { kind: Kind }) {
  const storeName = useStoreName();
  useDocumentTitle(`${wording[kind].title} · ${storeName}`);
  const token = tokenOf(useLocation().hash);
  const link = useQuery({
    queryKey: ['store', 'password-link', token],
    queryFn: () => unwrap(api.POST('/api/store/auth/link', { body: { token: token ?? '' } })),
    enabled: token !== undefined,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  // Once used, the link is gone; what matters then is where the user went, not the link.
  const [used, setUsed] = useState(false);

  return (
    <Container size={520} py={56}>
      {token === undefined ? (
        <NotValid />
      ) : link.isPending || used ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading">
          <Skeleton height={32} width="70%" />
          <Skeleton height={18} width="50%" />
          <Skeleton height={240} radius="md" />
        </Stack>
      ) : link.isError && (isStatus(link.error, 404) || isStatus(link.error, 400)) ? (
        <NotValid detail={link.error instanceof ApiError ? link.error.problem.detail : undefined} />
      ) : link.isError ? (
        <ErrorAlert error={link.error} title="The link could not be checked" />
      ) : (
        <PasswordForm kind={kind} token={token} link={link.data} onUsed={() => setUsed(true)} />
      )}
    </Container>
  );
}

function PasswordForm({ kind, token, link, onUsed }: { kind: Kind; token: string; link: PasswordLink; onUsed: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [gone, setGone] = useState<string>();
  const label = kind === 'invitation' ? 'Password' : 'New password';

  const submit = useMutation({
    mutationFn: (chosen: string) => unwrap(api.POST(wording[kind].path, { body: { token, password: chosen } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: partnerMeKey });
      queryClient.removeQueries({ queryKey: organizationUsersKey });
      onUsed();
      await navigate('/my-account', { replace: true });
    },
    onError: (error) => {
      if (isStatus(error, 404)) return setGone(errorMessage(error));
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'password') : undefined;
      setErrors(issue ? { password: `${label} ${issue.message}` } : {});
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = passwordProblems(password, confirm, label);
    setErrors(found);
    if (found.password || found.confirm) return;
    submit.mutate(password);
  }

  if (gone) return <NotValid detail={gone} />;

  const fieldError = Boolean(errors.password || errors.confirm);
  return (
    <>
      <Stack gap="xs" mb="lg">
        <Text c="dimmed" size="sm">
          {link.companyName}
        </Text>
        <Title order={1}>{kind === 'invitation' ? `Welcome, ${link.firstName}` : `New password for ${link.firstName}`}</Title>
        <Text>
          {kind === 'invitation' ? 'Set a password' : 'Choose a new password'} for <strong>{link.email}</strong> at {link.companyName}. You are signed in
          straight after.
        </Text>
      </Stack>
      <Paper withBorder radius="md" p="xl" shadow="xs">
        <form onSubmit={onSubmit} noValidate aria-label={wording[kind].title}>
          <Stack gap="md">
            {submit.isError && !fieldError ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
                {errorMessage(submit.error)}
              </Alert>
            ) : null}
            {/* The e-mail as the username, so a password manager saves the pair. */}
            <input type="email" name="username" autoComplete="username" value={link.email} readOnly hidden />
            <NewPasswordFields
              label={label}
              confirmLabel={kind === 'invitation' ? 'Confirm password' : 'Confirm new password'}
              password={password}
              confirm={confirm}
              errors={errors}
              onPassword={setPassword}
              onConfirm={setConfirm}
              autoFocus
            />
            <Button type="submit" fullWidth size="md" loading={submit.isPending}>
              {wording[kind].button}
            </Button>
            <Text size="xs" c="dimmed" ta="center">
              This link works once, until {formatDateTime(link.expiresAt)}.
            </Text>
          </Stack>
        </form>
      </Paper>
    </>
  );
}

function NotValid({ detail }: { detail?: string | undefined }) {
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" ta="center" gap="sm">
        <ThemeIcon size={56} radius="xl" color="gray" variant="light">
          <IconLinkOff size={30} />
        </ThemeIcon>
        <Title order={1} fz={26}>
          This link is not valid
        </Title>
        <Text c="dimmed" maw={420}>
          {detail ?? 'Check that you opened the whole link from the e-mail.'} If you already have a password, sign in; if you have forgotten it, ask for
          a new link.
        </Text>
        <Group justify="center" mt="xs">
          <Button component={Link} to="/sign-in" variant="light">
            Go to sign-in
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            Forgot your password?
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
