// Every error leaves as { error: { code, message } } with a code from the closed list; never a stack.
// That includes what Node refuses before Fastify sees a request (clientErrorHandler below) and what
// Fastify's router refuses before routing (frameworkErrors).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { DomainError, ERROR_STATUS, STRING_FORMATS, type ErrorBody, type ErrorCode } from '@jiaohao/shared';
import { storageError } from '../db/storage-errors';

/** ajv's "must match format" names the format; the shared check says what a value must be instead. */
function messageOf(v: FastifySchemaValidationError): string | undefined {
  const format = v.keyword === 'format' ? STRING_FORMATS[String(v.params.format)] : undefined;
  return format?.message ?? v.message;
}

function fromFastify(err: FastifyError): ErrorBody & { status: number } {
  if (err.validation) {
    const rewritten = err.validation.some((v) => messageOf(v) !== v.message);
    return {
      status: 400,
      code: 'validation_failed',
      // The same text Fastify's formatter writes, with the clearer message where there is one.
      message: rewritten ? err.validation.map((v) => `${err.validationContext ?? ''}${v.instancePath} ${messageOf(v)}`).join(', ') : err.message,
      details: err.validation.map((v) => ({ path: v.instancePath, message: messageOf(v) })),
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

export const FORBIDDEN_KEY_MESSAGE = 'The body may not contain a __proto__ or constructor.prototype key';

/**
 * Fastify's own JSON parser, which refuses `__proto__` and `constructor.prototype` keys but calls
 * the body "not valid JSON" either way. Such a body is valid JSON refused for safety, and says so.
 */
function parseJsonBodies(app: FastifyInstance): void {
  const { onProtoPoisoning = 'error', onConstructorPoisoning = 'error' } = app.initialConfig;
  const parse = app.getDefaultJsonParser(onProtoPoisoning, onConstructorPoisoning);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = String(raw); // parseAs: 'string'
    parse(request, body, (err, value) => {
      if (err && parsesAsJson(body)) done(new DomainError('validation_failed', FORBIDDEN_KEY_MESSAGE), undefined);
      else done(err, value);
    });
  });
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export function registerErrorHandling(app: FastifyInstance): void {
  parseJsonBodies(app);
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    if (err instanceof DomainError) {
      if (err.code === 'locked_out' || err.code === 'rate_limited') {
        const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (retry) void reply.header('retry-after', retry);
      }
      return reply.status(err.status).send({ error: err.toBody() });
    }
    // A full or read-only disk is not a bug: its own code, a message the clerk can act on.
    const storage = storageError(err);
    if (storage) {
      request.log.error({ err }, `request failed: ${storage.code}`);
      return reply.status(storage.status).send({ error: storage.toBody() });
    }
    const { status, ...body } = fromFastify(err);
    if (status >= 500) request.log.error({ err }, 'request failed');
    return reply.status(status).send({ error: body });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route or error handler runs (a
 * URL whose percent-encoding is broken, a path parameter over maxParamLength) gets our shape too.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { code, message } =
    err.code === 'FST_ERR_BAD_URL'
      ? { code: 'bad_request' as const, message: 'The URL is not valid: its percent-encoding is broken' }
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? // As the schema would have said: no id is that long.
          { code: 'validation_failed' as const, message: 'A path parameter is longer than the server accepts' }
        : { code: 'internal' as const, message: 'Something went wrong on the server' };
  if (code === 'internal') request.log.error({ err }, 'request failed before routing');
  void reply.status(ERROR_STATUS[code]).send({ error: { code, message } });
}

/** What Node's HTTP parser reports (`err.code`), as the closed list says it; anything else is bad_request. */
const CLIENT_ERRORS: Readonly<Record<string, { code: ErrorCode; message: string }>> = {
  HPE_HEADER_OVERFLOW: { code: 'headers_too_large', message: 'The request line and headers are larger than the server accepts' },
  ERR_HTTP_REQUEST_TIMEOUT: { code: 'request_timeout', message: 'The request did not arrive in time' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { code: 'payload_too_large', message: 'The chunk extensions are larger than the server accepts' },
};
const NOT_HTTP = { code: 'bad_request', message: 'The request could not be read as HTTP' } as const;

/** The error Node gives a `clientError` listener (Fastify's ConnectionError, reduced to what is read). */
export interface ClientError extends Error {
  readonly code?: string;
}

/**
 * Fastify's `clientErrorHandler`: a request Node refuses before routing (headers over the limit, a
 * garbage request line, a timeout) gets the same { error: { code, message } } as everything else,
 * then the connection closes, as Node's own answer does.
 */
export function clientErrorHandler(this: FastifyInstance | undefined, err: ClientError, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const { code, message } = (err.code !== undefined ? CLIENT_ERRORS[err.code] : undefined) ?? NOT_HTTP;
  this?.log.debug({ err }, `client error: ${code}`);
  // As Node does: answer only when no response has started on this socket (keep-alive), or the
  // answer would land inside it.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const status = ERROR_STATUS[code];
    const body = JSON.stringify({ error: { code, message } });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}
