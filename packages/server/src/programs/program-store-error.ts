/** What went wrong with a stored program, as a code the CLI, API and UI can translate. */
export type ProgramStoreErrorCode =
  | 'program_invalid'
  | 'program_missing'
  | 'program_status'
  | 'parent_missing'
  | 'parent_changed'
  | 'effective_date_invalid'
  | 'effective_before_final';

export class ProgramStoreError extends Error {
  readonly code: ProgramStoreErrorCode;
  constructor(code: ProgramStoreErrorCode, message: string) {
    super(message);
    this.name = 'ProgramStoreError';
    this.code = code;
  }
}
