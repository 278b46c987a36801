import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { errorMessage } from '../i18n/error-message.ts';

/** Tells the user, in their language, that something they did in the background failed. */
export function notifyError(t: TFunction, error: unknown): void {
  notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, error), autoClose: 8000 });
}
