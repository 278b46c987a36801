import { TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { SessionUser } from '../api/types.ts';
import { PublicPage } from './PublicPage.tsx';
import { SetPasswordForm } from './SetPasswordForm.tsx';
import { sessionKey } from './session.ts';

/** The page of the invitation link: choose a first password and start, signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const token = useSearchParams()[0].get('token') ?? '';
  const [name, setName] = useState('');
  const accept = useMutation({
    mutationFn: (password: string) => api.invitations.accept(token, password, name.trim() || undefined),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<SessionUser | null>(sessionKey, user);
      navigate('/', { replace: true });
    },
  });

  return (
    <PublicPage title={t('invitation.title')} intro={t('invitation.intro')}>
      <SetPasswordForm
        token={token}
        noToken={t('invitation.noToken')}
        submitLabel={t('invitation.submit')}
        save={accept}
      >
        <TextInput
          label={t('invitation.name')}
          description={t('invitation.nameHint')}
          name="name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
      </SetPasswordForm>
    </PublicPage>
  );
}
