import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

/** Error codes the portal has its own sentence for; others show the generic text with the code. */
export const translatedCodes = new Set([
  'unauthenticated',
  'invalid_credentials',
  'too_many_attempts',
  'csrf_failed',
  'forbidden',
  'not_found',
  'network_error',
  'bad_response',
]);

/** Number of invalid fields a validation error lists in its details (an array of field issues). */
function invalidFieldCount(details: unknown): number {
  return Array.isArray(details) ? details.length : 1;
}

/** The user's-language sentence for an error the API (or the client) raised, chosen by its code. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown', { code: 'client' });
  if (error.code === 'validation_failed') {
    return t('errors.validation_failed', { count: invalidFieldCount(error.details) });
  }
  if (translatedCodes.has(error.code)) return t(`errors.${error.code}`);
  return t('errors.unknown', { code: error.code });
}
