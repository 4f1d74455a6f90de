// The one thing a resident writes on their e-ticket page: a satisfaction rating of the finished
// ticket, by the tracking token of their link. Public (the token is the authority), rate limited as
// the public feeds are, never cached, and the token kept out of the log (http/private-urls.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Rating, RATING_COMMENT_MAX, RatingBody, TrackingToken } from '@jiaohao/shared';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';

export function eticketRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/public/tickets/:token/rating',
      {
        schema: {
          tags: ['public'],
          summary: "A resident's satisfaction rating (1–5, an optional comment) of their finished ticket, once",
          description:
            `By the tracking token of the e-ticket link, no login. \`score\` is an integer from 1 (very dissatisfied) to 5 (very satisfied); ` +
            `\`comment\` is optional, at most ${RATING_COMMENT_MAX} characters, trimmed (empty means none). Stored once per ticket with ` +
            "the ticket's language, line and counter, and counted in the supervisor's figures of the ticket's day (GET /stats/today). " +
            'An unknown token is 404 not_found (as GET /public/tickets/:token); a ticket not finished (done) is 409 not_finished; ' +
            'a second rating is 409 already_rated and changes nothing. The e-ticket view then carries `rating` (score and time, never ' +
            "the comment). Cache-Control no-store; the token is left out of the server's log.",
          security: [],
          params: Type.Object({ token: TrackingToken }),
          body: RatingBody,
          response: { 201: Rating, 400: errorResponses[400], 404: errorResponses[404], 409: errorResponses[409], 429: errorResponses[429] },
        },
        config: { access: 'public', ...rateLimit(s.config, s.config.publicPerMinute) },
        // Before the rate limit and validation, so a refusal is not cached either.
        onRequest: async (_req, reply) => {
          void reply.header('cache-control', 'no-store');
        },
      },
      async (req, reply) => reply.status(201).send(s.feed.tickets.rate(req.params.token, req.body)),
    );
  };
}
