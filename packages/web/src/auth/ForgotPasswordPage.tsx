import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { PublicPage } from './PublicPage.tsx';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Asks for a reset link by e-mail; the answer never tells whether the address has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | undefined>();
  const request = useMutation({ mutationFn: (address: string) => api.auth.requestPasswordReset(address) });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const address = email.trim();
    const problem =
      address === '' ? t('signIn.emailRequired') : emailPattern.test(address) ? undefined : t('signIn.emailInvalid');
    setEmailError(problem);
    if (!problem) request.mutate(address);
  };

  return (
    <PublicPage title={t('forgot.title')} intro={t('forgot.intro')}>
      {request.isSuccess ? (
        <Alert color="green" role="status">
          {t('forgot.sent', { email: request.variables })}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {request.isError && (
              <Alert color="red" title={t('errors.title')} role="alert">
                {errorMessage(t, request.error)}
              </Alert>
            )}
            <TextInput
              label={t('signIn.email')}
              type="email"
              name="email"
              autoComplete="username"
              dir="ltr"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={emailError}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" c="blue.8">
        {t('forgot.back')}
      </Anchor>
    </PublicPage>
  );
}
