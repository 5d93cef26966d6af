// A password field whose show/hide button does not also answer to the field's label.
import { PasswordInput } from '@mantine/core';
import type { PasswordInputProps } from '@mantine/core';

export function SecretInput(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the characters' }} {...props} />;
}
