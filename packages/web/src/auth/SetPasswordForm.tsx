import { Alert, Button, Stack } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { newPasswordProblem, type PasswordProblem } from './password-rules.ts';

/** The mutation that sends the chosen password; a page's `useMutation` result fits. */
export interface PasswordSave {
  mutate: (password: string) => void;
  isPending: boolean;
  error: Error | null;
}

/**
 * The form behind a mailed link that sets a password: without the link's token only `noToken` shows,
 * and `save` runs only once the password meets the policy, so a policy mistake is told at once, without a request.
 */
export function SetPasswordForm({
  token,
  noToken,
  submitLabel,
  save,
  children,
}: {
  token: string;
  noToken: string;
  submitLabel: string;
  save: PasswordSave;
  /** Fields shown above the password, e.g. the name on an invitation. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | undefined>();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = newPasswordProblem(password, repeated);
    setProblem(found);
    if (!found) save.mutate(password);
  };

  if (token === '') {
    return (
      <Alert color="red" role="alert">
        {noToken}
      </Alert>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {save.error && (
          <Alert color="red" title={t('errors.title')} role="alert">
            {errorMessage(t, save.error)}
          </Alert>
        )}
        {children}
        <NewPasswordFields
          password={password}
          repeated={repeated}
          onPassword={setPassword}
          onRepeated={setRepeated}
          problem={problem}
        />
        <Button type="submit" loading={save.isPending} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
