// A password field whose show/hide button does not also answer to the field's label.
import { PasswordInput } from '@mantine/core';
import type { PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function SecretInput(props: PasswordInputProps) {
  const { t } = useTranslation('common');
  return <PasswordInput visibilityToggleButtonProps={{ 'aria-label': t('ui.showHideCharacters') }} {...props} />;
}
