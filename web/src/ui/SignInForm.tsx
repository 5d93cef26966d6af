// The e-mail and password form of both sign-in pages (staff in HQ, partner users on the storefront).
import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormEvent, ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';
import { allFieldsMapped, fieldErrorsFrom } from './problems.ts';
import type { FieldErrors } from './problems.ts';
import { SecretInput } from './SecretInput.tsx';

type Field = 'email' | 'password';
const fieldOf = (path: string): Field | undefined => (path === 'email' || path === 'password' ? path : undefined);

export interface SignInFormProps<T> {
  signIn: (body: { email: string; password: string }) => Promise<T>;
  onSignedIn: (result: T) => Promise<void>;
  /** Why the user is here (e.g. their session ended), shown until a sign-in attempt fails. */
  notice?: string | undefined;
  /** Below the password, above the button (e.g. "Forgot your password?"). */
  extra?: ReactNode;
  buttonSize?: 'sm' | 'md';
}

export function SignInForm<T>({ signIn, onSignedIn, notice, extra, buttonSize = 'sm' }: SignInFormProps<T>) {
  const { t } = useTranslation('common');
  const labels: Record<Field, string> = { email: t('signIn.email'), password: t('signIn.password') };
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();

  const submit = useMutation({
    mutationFn: signIn,
    onSuccess: onSignedIn,
    onError: (error) => {
      setErrors(fieldErrorsFrom(error, fieldOf, (field) => labels[field]));
      setFormError(allFieldsMapped(error, fieldOf) ? undefined : errorMessage(error));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    const found: FieldErrors<Field> = {};
    if (!email.trim()) found.email = t('signIn.required', { label: labels.email });
    if (!password) found.password = t('signIn.required', { label: labels.password });
    setErrors(found);
    if (found.email || found.password) return;
    submit.mutate({ email: email.trim(), password });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('signIn.submit')}>
      <Stack gap="md">
        {notice && !formError ? (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} role="status">
            {notice}
          </Alert>
        ) : null}
        {formError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {formError}
          </Alert>
        ) : null}
        <TextInput
          label={labels.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          error={errors.email}
          maxLength={254}
          onChange={(event) => setEmail(event.currentTarget.value)}
          data-autofocus
          autoFocus
        />
        <SecretInput
          label={labels.password}
          autoComplete="current-password"
          required
          value={password}
          error={errors.password}
          maxLength={200}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        {extra}
        <Button type="submit" fullWidth size={buttonSize} loading={submit.isPending} mt={buttonSize === 'sm' ? 'xs' : undefined}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
