import { PasswordInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type PasswordProblem, passwordMaxLength, passwordMinLength } from './password-rules.ts';

/** A new password typed twice, with the policy's message under the field it concerns. */
export function NewPasswordFields({
  password,
  repeated,
  onPassword,
  onRepeated,
  problem,
}: {
  password: string;
  repeated: string;
  onPassword: (value: string) => void;
  onRepeated: (value: string) => void;
  problem: PasswordProblem | undefined;
}) {
  const { t } = useTranslation();
  const toggle = { 'aria-label': t('signIn.showPassword') };
  return (
    <>
      <PasswordInput
        label={t('password.new')}
        description={t('password.rule', { min: passwordMinLength })}
        name="new-password"
        autoComplete="new-password"
        required
        value={password}
        onChange={(event) => onPassword(event.currentTarget.value)}
        visibilityToggleButtonProps={toggle}
        error={
          problem === 'tooShort'
            ? t('password.tooShort', { min: passwordMinLength })
            : problem === 'tooLong'
              ? t('password.tooLong', { max: passwordMaxLength })
              : undefined
        }
      />
      <PasswordInput
        label={t('password.repeat')}
        name="repeat-password"
        autoComplete="new-password"
        required
        value={repeated}
        onChange={(event) => onRepeated(event.currentTarget.value)}
        visibilityToggleButtonProps={toggle}
        error={problem === 'mismatch' ? t('password.mismatch') : undefined}
      />
    </>
  );
}
