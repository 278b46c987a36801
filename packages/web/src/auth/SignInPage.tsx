import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../i18n/error-message.ts';
import { PublicPage } from './PublicPage.tsx';
import { useSignIn } from './session.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FieldErrors {
  email?: string;
  password?: string;
}

/** Where to go after signing in: back to the page that asked for it, else the role's start page. */
function returnPath(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('from' in state)) return undefined;
  const from = (state as { from: unknown }).from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : undefined;
}

/** Set by the reset-password page, so the sign-in page can confirm the change. */
function passwordChanged(state: unknown): boolean {
  return (
    typeof state === 'object' && state !== null && (state as { passwordChanged?: unknown }).passwordChanged === true
  );
}

export function SignInPage({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  if (signedIn && !signIn.isPending) return <Navigate to={returnPath(location.state) ?? '/'} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (email.trim() === '') errors.email = t('signIn.emailRequired');
    else if (!emailPattern.test(email.trim())) errors.email = t('signIn.emailInvalid');
    if (password === '') errors.password = t('signIn.passwordRequired');
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    signIn.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(returnPath(location.state) ?? '/', { replace: true }) },
    );
  };

  return (
    <PublicPage title={t('signIn.title')} intro={t('signIn.intro')}>
      {passwordChanged(location.state) && !signIn.isError && (
        <Alert color="green" role="status">
          {t('signIn.passwordChanged')}
        </Alert>
      )}
      {signIn.isError && (
        <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={t('signIn.failed')} role="alert">
          {errorMessage(t, signIn.error)}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('signIn.email')}
            type="email"
            name="email"
            autoComplete="username"
            dir="ltr"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldErrors.email}
          />
          <PasswordInput
            label={t('signIn.password')}
            name="password"
            autoComplete="current-password"
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.showPassword') }}
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password" c="blue.8">
        {t('signIn.forgot')}
      </Anchor>
    </PublicPage>
  );
}
