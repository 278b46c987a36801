import { ProgramError } from '@spur/engine';
import { ApiError } from '../http/errors.ts';
import { LedgerError } from '../ledger/index.ts';
import { ProgramStoreError } from '../programs/program-store-error.ts';
import { RunError } from '../runs/run-error.ts';

const NOT_FOUND = new Set(['program_missing', 'parent_missing', 'run_missing', 'payout_missing']);
const BAD_INPUT = new Set(['program_invalid', 'effective_date_invalid', 'invalid_period']);

/** The services' typed errors as API errors: missing things 404, bad input 400, state conflicts 409. */
export function toApiError(error: unknown): unknown {
  if (error instanceof ProgramError) {
    return new ApiError(400, 'program_invalid', error.message, {
      problems: error.issues.map((issue) => ({ path: `program.${issue.path}`, message: issue.message })),
    });
  }
  if (error instanceof ProgramStoreError || error instanceof RunError || error instanceof LedgerError) {
    const status = NOT_FOUND.has(error.code)
      ? 404
      : BAD_INPUT.has(error.code)
        ? 400
        : error.code === 'payout_four_eyes' || error.code === 'payout_approver_invalid'
          ? 403
          : 409;
    const details = error instanceof LedgerError ? { ...error.details } : {};
    return new ApiError(status, error.code, error.message, details);
  }
  return error;
}

/** Runs a service call and rethrows its typed errors as API errors. */
export async function mapErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toApiError(error);
  }
}
