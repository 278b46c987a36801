/** What stopped a calculation run, as a code the CLI, API and UI can translate. */
export type RunErrorCode = 'program_not_runnable' | 'invalid_period' | 'version_period_mismatch' | 'run_missing';

export class RunError extends Error {
  readonly code: RunErrorCode;
  constructor(code: RunErrorCode, message: string) {
    super(message);
    this.name = 'RunError';
    this.code = code;
  }
}
