import { Anchor } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { PublicPage } from './PublicPage.tsx';
import { SetPasswordForm } from './SetPasswordForm.tsx';

/** The page of the reset link in the mail: choose a new password, then sign in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const confirm = useMutation({
    mutationFn: (newPassword: string) => api.auth.confirmPasswordReset(token, newPassword),
    onSuccess: () => navigate('/sign-in', { replace: true, state: { passwordChanged: true } }),
  });

  return (
    <PublicPage title={t('reset.title')} intro={t('reset.intro')}>
      <SetPasswordForm token={token} noToken={t('reset.noToken')} submitLabel={t('reset.submit')} save={confirm} />
      <Anchor component={Link} to="/forgot-password" c="blue.8">
        {t('reset.requestNew')}
      </Anchor>
    </PublicPage>
  );
}
