// helmet's security headers on every answer (Content-Security-Policy, Strict-Transport-Security,
// X-Frame-Options, Referrer-Policy…), worked out once at start-up. @fastify/helmet built helmet's
// middleware anew for every request, its CSP directives parsed each time: 12.8% of the server's CPU
// under the public-status load (bench/RESULTS.md). With no function in the options, helmet reads
// nothing of the request, so the headers are the same for every answer and are set here from a list.
// A route may still change one (the embed page lifts X-Frame-Options: reply.removeHeader).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/** Whether a function is anywhere in `value` (helmet calls such a directive per request). */
const holdsFunction = (value: unknown): boolean =>
  typeof value === 'function' || (typeof value === 'object' && value !== null && Object.values(value).some(holdsFunction));

/** The headers helmet sets with `options`, lower-cased, in its order. */
export function helmetHeaders(options: HelmetOptions): ReadonlyArray<readonly [string, string]> {
  if (holdsFunction(options)) throw new Error('helmet options with a function make headers per request: they cannot be worked out ahead');
  const headers = new Map<string, string>();
  const res = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string') throw new Error(`helmet set ${name} to a ${typeof value}: the headers must not depend on the request`);
      headers.set(name.toLowerCase(), value);
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    finished = true;
  });
  // helmet's middleware runs its parts one after another without waiting: anything else is a change of helmet.
  if (!finished) throw new Error('helmet did not finish at once: its headers cannot be worked out ahead');
  return [...headers];
}

/** Sets helmet's headers (with `options`) on every answer of `app`, 404s and errors included. */
export function addSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = helmetHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
}
