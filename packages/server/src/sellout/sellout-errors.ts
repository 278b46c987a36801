/** Why a sell-out import or a profile command was refused as a whole; nothing was written. */
export type SellOutErrorCode =
  | 'unknown_distributor'
  | 'unknown_profile'
  | 'invalid_profile'
  | 'missing_column'
  | 'unknown_import'
  | 'too_many_lines';

export class SellOutError extends Error {
  readonly code: SellOutErrorCode;
  constructor(code: SellOutErrorCode, message: string) {
    super(message);
    this.name = 'SellOutError';
    this.code = code;
  }
}

/** Why one row of a report could not be read; the row goes to the error CSV. */
export type RowProblemCode =
  | 'missing_value'
  | 'invalid_date'
  | 'invalid_integer'
  | 'invalid_amount'
  | 'invalid_currency'
  | 'value_too_long'
  | 'distributor_mismatch'
  | 'conflicting_repeat';

export interface RowProblem {
  code: RowProblemCode;
  column: string;
  value: string;
  message: string;
}
