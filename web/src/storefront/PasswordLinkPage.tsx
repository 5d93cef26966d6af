// The pages behind the links in invitation and password-reset mails: choose a password, then you are signed in.
// The token travels in the address's fragment (never sent to a server by the browser) and in a POST body.
import { Alert, Anchor, Button, Container, Group, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Trans, useTranslation } from 'react-i18next';
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

// Texts per kind are link.<kind>.*.
const paths: Record<Kind, '/api/store/auth/accept-invitation' | '/api/store/auth/reset-password'> = {
  invitation: '/api/store/auth/accept-invitation',
  reset: '/api/store/auth/reset-password',
};

/** The server accepts tokens of 10 to 200 characters; anything else cannot be a link of ours. */
function tokenOf(hash: string): string | undefined {
  const token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  return token.length >= 10 && token.length <= 200 ? token : undefined;
}

export function PasswordLinkPage({ kind }: { kind: Kind }) {
  const { t } = useTranslation('storefront');
  const storeName = useStoreName();
  useDocumentTitle(`${t(`link.${kind}.title`)} · ${storeName}`);
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
        <Stack gap="md" aria-busy="true" aria-label={t('status.loading')}>
          <Skeleton height={32} width="70%" />
          <Skeleton height={18} width="50%" />
          <Skeleton height={240} radius="md" />
        </Stack>
      ) : link.isError && (isStatus(link.error, 404) || isStatus(link.error, 400)) ? (
        <NotValid detail={link.error instanceof ApiError ? link.error.problem.detail : undefined} />
      ) : link.isError ? (
        <ErrorAlert error={link.error} title={t('link.checkFailed')} />
      ) : (
        <PasswordForm kind={kind} token={token} link={link.data} onUsed={() => setUsed(true)} />
      )}
    </Container>
  );
}

function PasswordForm({ kind, token, link, onUsed }: { kind: Kind; token: string; link: PasswordLink; onUsed: () => void }) {
  const { t } = useTranslation('storefront');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [gone, setGone] = useState<string>();
  const label = t(`link.${kind}.label`);

  const submit = useMutation({
    mutationFn: (chosen: string) => unwrap(api.POST(paths[kind], { body: { token, password: chosen } })),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: partnerMeKey });
      queryClient.removeQueries({ queryKey: organizationUsersKey });
      onUsed();
      await navigate('/my-account', { replace: true });
    },
    onError: (error) => {
      if (isStatus(error, 404)) return setGone(errorMessage(error));
      const issue = error instanceof ApiError ? error.fieldErrors.find((e) => e.path === 'password') : undefined;
      setErrors(issue ? { password: t('problems.other', { label, problem: issue.message }) } : {});
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
        <Title order={1}>{t(`link.${kind}.heading`, { name: link.firstName })}</Title>
        <Text>
          <Trans t={t} i18nKey={`link.${kind}.intro`} values={{ email: link.email, company: link.companyName }} components={{ b: <strong /> }} />
        </Text>
      </Stack>
      <Paper withBorder radius="md" p="xl" shadow="xs">
        <form onSubmit={onSubmit} noValidate aria-label={t(`link.${kind}.title`)}>
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
              confirmLabel={t(`link.${kind}.confirm`)}
              password={password}
              confirm={confirm}
              errors={errors}
              onPassword={setPassword}
              onConfirm={setConfirm}
              autoFocus
            />
            <Button type="submit" fullWidth size="md" loading={submit.isPending}>
              {t(`link.${kind}.button`)}
            </Button>
            <Text size="xs" c="dimmed" ta="center">
              {t('link.worksOnce', { time: formatDateTime(link.expiresAt) })}
            </Text>
          </Stack>
        </form>
      </Paper>
    </>
  );
}

function NotValid({ detail }: { detail?: string | undefined }) {
  const { t } = useTranslation('storefront');
  return (
    <Paper withBorder radius="md" p="xl">
      <Stack align="center" ta="center" gap="sm">
        <ThemeIcon size={56} radius="xl" color="gray" variant="light">
          <IconLinkOff size={30} />
        </ThemeIcon>
        <Title order={1} fz={26}>
          {t('link.notValid')}
        </Title>
        <Text c="dimmed" maw={420}>
          {detail ?? t('link.checkWhole')} {t('link.notValidHint')}
        </Text>
        <Group justify="center" mt="xs">
          <Button component={Link} to="/sign-in" variant="light">
            {t('link.goToSignIn')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t('signIn.forgot')}
          </Anchor>
        </Group>
      </Stack>
    </Paper>
  );
}
