// Choosing a password, twice: on the invitation and reset pages and in My account.
import { useTranslation } from 'react-i18next';
import { SecretInput } from '../ui/SecretInput.tsx';
import { minPasswordLength } from './partnerSession.ts';

export interface NewPasswordFieldsProps {
  label: string;
  confirmLabel: string;
  password: string;
  confirm: string;
  errors: { password?: string | undefined; confirm?: string | undefined };
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  autoFocus?: boolean;
}

export function NewPasswordFields({ label, confirmLabel, password, confirm, errors, onPassword, onConfirm, autoFocus }: NewPasswordFieldsProps) {
  const { t } = useTranslation('storefront');
  return (
    <>
      <SecretInput
        label={label}
        description={t('password.atLeast', { min: minPasswordLength })}
        autoComplete="new-password"
        required
        value={password}
        error={errors.password}
        maxLength={200}
        onChange={(event) => onPassword(event.currentTarget.value)}
        autoFocus={autoFocus}
      />
      <SecretInput
        label={confirmLabel}
        autoComplete="new-password"
        required
        value={confirm}
        error={errors.confirm}
        maxLength={200}
        onChange={(event) => onConfirm(event.currentTarget.value)}
      />
    </>
  );
}
