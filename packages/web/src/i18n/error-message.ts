import type { TFunction } from 'i18next';
import { ApiError } from '../api/client.ts';

/** Error codes the portal has its own sentence for; others show the generic text with the code. */
export const translatedCodes = new Set([
  'unauthenticated',
  'invalid_credentials',
  'csrf_failed',
  'forbidden',
  'not_found',
  'network_error',
  'bad_response',
  'internal_error',
  'invalid_token',
  'password_too_weak',
]);

function detail(details: unknown, name: string): unknown {
  return typeof details === 'object' && details !== null ? (details as Record<string, unknown>)[name] : undefined;
}

/** The user's-language sentence for an error the API (or the client) raised, chosen by its code. */
export function errorMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('errors.unknown', { code: 'client' });
  if (error.code === 'validation_failed') {
    // The API lists one entry per invalid field in details.problems.
    const problems = detail(error.details, 'problems');
    return t('errors.validation_failed', { count: Array.isArray(problems) ? problems.length : 1 });
  }
  if (error.code === 'too_many_attempts') {
    const seconds = detail(error.details, 'retry_after_seconds');
    const minutes = typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds / 60) : 1;
    return t('errors.too_many_attempts', { minutes });
  }
  if (translatedCodes.has(error.code)) return t(`errors.${error.code}`);
  return t('errors.unknown', { code: error.code });
}
