import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ApiError, errorBody, type FieldProblem } from './errors.ts';

/** Fastify's own client errors, mapped to our codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
};

/** Every API error leaves as {"error": {code, message, details}}; never a stack trace. */
export function handleApiError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof ApiError) {
    if (error.status === 429 && typeof error.details.retry_after_seconds === 'number') {
      reply.header('retry-after', String(error.details.retry_after_seconds));
    }
    return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    const problems: FieldProblem[] = error.validation.map((issue) => ({
      path: [where, ...issue.instancePath.split('/').filter((part) => part !== '')].join('.'),
      message: issue.message ?? 'is invalid',
    }));
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return reply.code(400).send(errorBody('validation_failed', `${first.path}: ${first.message}${more}`, { problems }));
  }
  if (isResponseSerializationError(error) || !error.statusCode || error.statusCode >= 500) {
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send(
        errorBody('internal_error', 'something went wrong on the server; it was logged', { request_id: request.id }),
      );
  }
  const known = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (known) return reply.code(known.status).send(errorBody(known.code, error.message));
  if (error instanceof SyntaxError) return reply.code(400).send(errorBody('invalid_json', error.message));
  return reply.code(error.statusCode).send(errorBody('bad_request', error.message));
}

export function handleUnknownRoute(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .code(404)
    .send(
      errorBody('not_found', `no route ${request.method} ${request.url.split('?')[0]}`, { method: request.method }),
    );
}
