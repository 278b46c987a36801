// The server's password policy (argon2id, 10 to 200 characters), checked here first to answer at once.
export const passwordMinLength = 10;
export const passwordMaxLength = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'mismatch';

/** What is wrong with a new password and its repetition, if anything; length counts characters, not bytes. */
export function newPasswordProblem(password: string, repeated: string): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < passwordMinLength) return 'tooShort';
  if (length > passwordMaxLength) return 'tooLong';
  if (password !== repeated) return 'mismatch';
  return undefined;
}
