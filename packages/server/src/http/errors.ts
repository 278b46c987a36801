import { z } from 'zod';

/** Where a piece of bad input was, e.g. `body.email`, and what is wrong with it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * A failure the client can act on: an HTTP status, a stable `code` the portal translates, a
 * human message and optional details (field problems for validation errors).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'your role may not do this') => new ApiError(403, 'forbidden', message);
export const conflict = (code: string, message: string, details: Record<string, unknown> = {}) =>
  new ApiError(409, code, message, details);
export const invalidInput = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', `${path}: ${message}`, { problems: [{ path, message }] });

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('stable machine-readable code, e.g. validation_failed, not_found, csrf_failed'),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'ErrorResponse' });

export type ErrorBody = z.infer<typeof ErrorResponseSchema>;

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { error: { code, message, details } };
}
