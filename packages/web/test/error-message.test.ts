import i18next from 'i18next';
import ICU from 'i18next-icu';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/client.ts';
import { catalog } from '../src/i18n/catalog.ts';
import { errorMessage } from '../src/i18n/error-message.ts';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.use(ICU).init({
    resources: Object.fromEntries(Object.entries(catalog).map(([code, messages]) => [code, { translation: messages }])),
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});

function shown(language: string, error: unknown): string {
  return errorMessage(i18n.getFixedT(language), error);
}

describe('an API error shown to the user', () => {
  it.each([
    ['en', new ApiError(401, 'invalid_credentials', 'x'), 'The email address or password is incorrect.'],
    ['de', new ApiError(401, 'invalid_credentials', 'x'), 'E-Mail-Adresse oder Passwort ist falsch.'],
    [
      'en',
      new ApiError(429, 'too_many_attempts', 'x', { retry_after_seconds: 61 }),
      'Too many sign-in attempts. Try again in 2 minutes.',
    ],
    [
      'en',
      new ApiError(429, 'too_many_attempts', 'x', { retry_after_seconds: 60 }),
      'Too many sign-in attempts. Try again in 1 minute.',
    ],
    [
      'pl',
      new ApiError(429, 'too_many_attempts', 'x', { retry_after_seconds: 120 }),
      'Zbyt wiele prób logowania. Spróbuj ponownie za 2 minuty.',
    ],
    [
      'pl',
      new ApiError(429, 'too_many_attempts', 'x', { retry_after_seconds: 300 }),
      'Zbyt wiele prób logowania. Spróbuj ponownie za 5 minut.',
    ],
    [
      'en',
      new ApiError(400, 'validation_failed', 'x', { problems: [{}, {}, {}] }),
      'Please check your input: 3 fields are not valid.',
    ],
    [
      'ar',
      new ApiError(400, 'validation_failed', 'x', { problems: [{}, {}] }),
      'يُرجى مراجعة ما أدخلته: حقلان غير صالحين.',
    ],
    [
      'en',
      new ApiError(0, 'network_error', 'x'),
      'The Spur server cannot be reached. Check your connection and try again.',
    ],
    ['en', new ApiError(409, 'email_taken', 'x'), 'Something went wrong (error code: email_taken).'],
    ['sv', new TypeError('boom'), 'Något gick fel (felkod: client).'],
  ])('in %s, %o reads %j', (language, error, expected) => {
    expect(shown(language, error)).toBe(expected);
  });
});
