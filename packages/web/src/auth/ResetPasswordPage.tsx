import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { PublicPage } from './PublicPage.tsx';
import { newPasswordProblem, type PasswordProblem } from './password-rules.ts';

/** The page of the reset link in the mail: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | undefined>();
  const confirm = useMutation({
    mutationFn: (newPassword: string) => api.auth.confirmPasswordReset(token, newPassword),
    onSuccess: () => navigate('/sign-in', { replace: true, state: { passwordChanged: true } }),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = newPasswordProblem(password, repeated);
    setProblem(found);
    if (!found) confirm.mutate(password);
  };

  return (
    <PublicPage title={t('reset.title')} intro={t('reset.intro')}>
      {token === '' ? (
        <Alert color="red" role="alert">
          {t('reset.noToken')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {confirm.isError && (
              <Alert color="red" title={t('errors.title')} role="alert">
                {errorMessage(t, confirm.error)}
              </Alert>
            )}
            <NewPasswordFields
              password={password}
              repeated={repeated}
              onPassword={setPassword}
              onRepeated={setRepeated}
              problem={problem}
            />
            <Button type="submit" loading={confirm.isPending} fullWidth>
              {t('reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/forgot-password" c="blue.8">
        {t('reset.requestNew')}
      </Anchor>
    </PublicPage>
  );
}
