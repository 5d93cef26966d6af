// Success and failure toasts.
import { notifications } from '@mantine/notifications';
import type { NotificationData } from '@mantine/notifications';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client.ts';

// When each message still on screen was shown, so that leaving a page can take its messages along.
const shownAt = new Map<string, number>();
let counter = 0;
function show(options: NotificationData): void {
  counter += 1;
  const id = `notice-${counter}`;
  shownAt.set(id, Date.now());
  notifications.show({ ...options, id, onClose: () => shownAt.delete(id) });
}

/**
 * Hides the messages of the page the user left. One shown just before (the action that led here, e.g. "Lead
 * qualified" before its opportunity opens) stays until it closes by itself.
 */
export function hideMessagesOfEarlierPages(graceMs = 1500): void {
  const now = Date.now();
  for (const [id, at] of shownAt) {
    if (now - at > graceMs) {
      notifications.hide(id);
      shownAt.delete(id);
    }
  }
}

export function notifySuccess(title: string, message?: ReactNode): void {
  show({ title, message: message ?? '', color: 'teal', withBorder: true });
}

export function notifyError(error: unknown, title?: string): void {
  show({ title: title ?? i18next.t('ui.didNotWork'), message: errorMessage(error), color: 'red', withBorder: true, autoClose: 8000 });
}
