// Addresses that carry a resident's tracking token (the e-ticket page /t/<token>, its read
// GET /api/v1/public/tickets/<token> and rating POST …/<token>/rating, and ?token=<token> on
// GET /api/v1/tickets/:id) or a booking's manage token: the token is the key to that ticket, so it must not end up in the
// server's log. Fastify logs every request's URL ("incoming request"); the server's logger (app.ts)
// logs every URL through redactPrivateUrl, whichever route answers it, a 404 included.
import type { FastifyRequest } from 'fastify';

// The second group, when there is one, is what is kept after the token (which action it was).
// A booking's manage link (/book/m/<token>, GET and cancel under /api/v1/public/appointments/<token>) likewise.
const PRIVATE_PATHS: readonly RegExp[] = [
  /^(\/t\/)[^?#]*/,
  /^(\/api\/v1\/public\/tickets\/)[^/?#]*(\/rating(?=$|[?#]))?/,
  /^(\/book\/m\/)[^?#]*/,
  /^(\/api\/v1\/public\/appointments\/)[^/?#]+(\/cancel(?=$|[?#]))?/,
];

/** A `token` query parameter, wherever it comes in the query. */
const TOKEN_PARAM = /([?&]token=)[^&#]*/gi;

/** The URL with the token (and, in a path, any query after it) replaced by `…`; other URLs unchanged. */
export function redactPrivateUrl(url: string): string {
  for (const path of PRIVATE_PATHS) {
    const m = url.match(path);
    if (m) return `${m[1] ?? ''}…${m[2] ?? ''}`;
  }
  return url.replace(TOKEN_PARAM, '$1…');
}

/** Fastify's own request serializer, with the URL redacted: the server logger's `serializers`. */
export const PRIVATE_URL_SERIALIZERS = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: redactPrivateUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};
