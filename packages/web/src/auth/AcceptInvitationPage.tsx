import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import type { SessionUser } from '../api/types.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { PublicPage } from './PublicPage.tsx';
import { newPasswordProblem, type PasswordProblem } from './password-rules.ts';
import { sessionKey } from './session.ts';

/** The page of the invitation link: choose a first password and start, signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const token = useSearchParams()[0].get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | undefined>();
  const accept = useMutation({
    mutationFn: () => api.invitations.accept(token, password, name.trim() || undefined),
    onSuccess: ({ user }) => {
      queryClient.setQueryData<SessionUser | null>(sessionKey, user);
      navigate('/', { replace: true });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = newPasswordProblem(password, repeated);
    setProblem(found);
    if (!found) accept.mutate();
  };

  return (
    <PublicPage title={t('invitation.title')} intro={t('invitation.intro')}>
      {token === '' ? (
        <Alert color="red" role="alert">
          {t('invitation.noToken')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {accept.isError && (
              <Alert color="red" title={t('errors.title')} role="alert">
                {errorMessage(t, accept.error)}
              </Alert>
            )}
            <TextInput
              label={t('invitation.name')}
              description={t('invitation.nameHint')}
              name="name"
              autoComplete="name"
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <NewPasswordFields
              password={password}
              repeated={repeated}
              onPassword={setPassword}
              onRepeated={setRepeated}
              problem={problem}
            />
            <Button type="submit" loading={accept.isPending} fullWidth>
              {t('invitation.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
