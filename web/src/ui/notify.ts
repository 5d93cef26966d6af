// Success and failure toasts.
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';

export function notifySuccess(title: string, message?: ReactNode): void {
  notifications.show({ title, message: message ?? '', color: 'teal', withBorder: true });
}

export function notifyError(error: unknown, title = 'That did not work'): void {
  notifications.show({ title, message: errorMessage(error), color: 'red', withBorder: true, autoClose: 8000 });
}
