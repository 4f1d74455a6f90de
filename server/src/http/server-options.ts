// The HTTP server's options, shared by the office server (app.ts) and a public node (scale/).
import type { Config } from '../config';
import { clientErrorHandler, frameworkErrors } from './errors';
import { sharedCompilers } from './compilers';
import { PRIVATE_URL_SERIALIZERS } from './private-urls';

/**
 * The HTTP server's options, the same for the office server and a public node: limits and
 * timeouts from the settings, errors before routing in our shape, our schema compilers.
 */
export function serverOptions(config: Config, logger: boolean | object | undefined) {
  return {
    // Every request is logged with its URL through redactPrivateUrl: no tracking token in the log.
    logger: logger === false ? false : { level: config.logLevel, ...(typeof logger === 'object' ? logger : {}), serializers: PRIVATE_URL_SERIALIZERS },
    bodyLimit: config.bodyLimitBytes,
    // A slow sender (headers or body trickling in) gets 408 once the request takes longer than
    // requestTimeoutMs; none of these cuts a response that is still flowing (SSE, long-polling).
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    connectionTimeout: config.idleTimeoutMs,
    http: {
      headersTimeout: config.requestTimeoutMs,
      // Node checks request deadlines every 30 s by default: a 30 s limit would let a request last a minute.
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.floor(config.requestTimeoutMs / 10))),
    },
    trustProxy: false,
    // What Node (431, a garbage request line, 408) and Fastify's router (a broken URL) refuse before
    // routing answers in our error shape too.
    clientErrorHandler,
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false } },
    schemaController: { compilersFactory: sharedCompilers },
  };
}
