import { Alert, Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSignedInUser } from '../auth/signed-in-user.ts';
import { errorMessage } from '../i18n/error-message.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { isLanguageCode, languages } from '../i18n/languages.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface FieldErrors {
  name?: string;
  email?: string;
}

/** A partner admin invites a sales rep of its own partner; the rep gets a link by e-mail. */
export function InviteRepForm() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<string>(currentLanguage());
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const invite = useMutation({
    mutationFn: () =>
      api.invitations.create({
        name: name.trim(),
        email: email.trim(),
        role: 'sales_rep',
        partner_id: user.partner_id,
        language,
      }),
    onSuccess: () => {
      setName('');
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    if (name.trim() === '') errors.name = t('team.nameRequired');
    if (email.trim() === '') errors.email = t('signIn.emailRequired');
    else if (!emailPattern.test(email.trim())) errors.email = t('signIn.emailInvalid');
    setFieldErrors(errors);
    if (!errors.name && !errors.email) invite.mutate();
  };

  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('team.inviteTitle')}
          </Title>
          {invite.isSuccess && (
            <Alert color="green" role="status">
              {t('team.invited', { email: invite.data.invitation.email })}
            </Alert>
          )}
          {invite.isError && (
            <Alert color="red" title={t('errors.title')} role="alert">
              {errorMessage(t, invite.error)}
            </Alert>
          )}
          <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput
              label={t('team.name')}
              name="name"
              required
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={fieldErrors.name}
              miw={200}
            />
            <TextInput
              label={t('signIn.email')}
              type="email"
              name="email"
              dir="ltr"
              required
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={fieldErrors.email}
              miw={220}
            />
            <Select
              label={t('team.language')}
              value={language}
              onChange={(value) => value && isLanguageCode(value) && setLanguage(value)}
              allowDeselect={false}
              data={languages.map((entry) => ({ value: entry.code, label: entry.name }))}
              miw={160}
            />
          </Group>
          <Group>
            <Button type="submit" loading={invite.isPending}>
              {t('team.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
