/** What went wrong, as a code the UI can translate, plus where (a path or a file position). */
export type EngineErrorCode =
  | 'invalid_decimal'
  | 'division_by_zero'
  | 'invalid_date'
  | 'invalid_period'
  | 'period_outside_program'
  | 'invalid_program'
  | 'fx_rate_missing'
  | 'fact_outside_period';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** Where the error is: a program path (`rewards[0].tiers[1].from`) or a field name. */
  readonly path: string | undefined;

  constructor(code: EngineErrorCode, message: string, path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'EngineError';
    this.code = code;
    this.path = path;
  }
}
