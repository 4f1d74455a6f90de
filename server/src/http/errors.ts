// Every error leaves as { error: { code, message } } with a code from the closed list; never a stack.
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, ERROR_STATUS, type ErrorBody, type ErrorCode } from '@jiaohao/shared';

function fromFastify(err: FastifyError): ErrorBody & { status: number } {
  if (err.validation) {
    return {
      status: 400,
      code: 'validation_failed',
      message: err.message,
      details: err.validation.map((v) => ({ path: v.instancePath, message: v.message })),
    };
  }
  const byCode: Record<string, ErrorCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_INVALID_JSON_BODY: 'validation_failed',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'validation_failed',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_failed',
  };
  const code = byCode[err.code] ?? (err.statusCode === 429 ? 'rate_limited' : undefined);
  if (code) return { status: ERROR_STATUS[code], code, message: err.message };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    const code: ErrorCode = err.statusCode === 404 ? 'not_found' : err.statusCode === 403 ? 'forbidden' : err.statusCode === 401 ? 'unauthenticated' : 'validation_failed';
    return { status: err.statusCode, code, message: err.message };
  }
  return { status: 500, code: 'internal', message: 'Something went wrong on the server' };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    if (err instanceof DomainError) {
      if (err.code === 'locked_out' || err.code === 'rate_limited') {
        const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) void reply.header('retry-after', retry);
      }
      return reply.status(err.status).send({ error: err.toBody() });
    }
    const { status, ...body } = fromFastify(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    return reply.status(status).send({ error: body });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
