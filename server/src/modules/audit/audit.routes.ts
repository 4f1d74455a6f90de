// The audit trail (內部控制): the event log read in order, and a check that no row was edited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AuditTrailDay, AuditTrailQuery, ChainCheck, DomainEvent } from '@jiaohao/shared';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';
import { bearer } from '../../http/auth';

const supervisor = { staff: 'supervisor' } as const;

const tags = ['audit'];
/** Full checks of the log one session may ask for per minute. */
const VERIFY_PER_MINUTE = 3;

export function auditRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/events',
      {
        schema: {
          tags,
          summary: 'Events after a seq, oldest first (supervisor): who did what, when and why',
          // Query values stay strings (bodies are never coerced either); parsed below.
          querystring: Type.Object(
            {
              after: Type.Optional(Type.String({ pattern: '^\\d{1,12}$', description: 'seq to read after (default 0)' })),
              limit: Type.Optional(Type.String({ pattern: '^\\d{1,4}$', description: '1–1000 (default 200)' })),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ events: Type.Array(DomainEvent), lastSeq: Type.Integer() }), ...errorResponses },
        },
        config: { access: supervisor },
      },
      async (req) => s.queries.eventsAfter(Number(req.query.after ?? 0), Number(req.query.limit ?? 200)),
    );
    app.get(
      '/events/verify',
      {
        schema: {
          tags,
          summary: 'Recompute the hash chain of the whole log (supervisor); brokenAt is the first row that does not match',
          response: { 200: ChainCheck, ...errorResponses },
        },
        // Reads and replays the whole log in one go (about 2 s per 100,000 events, during which no
        // command runs): a few checks a minute per session are plenty.
        config: { access: supervisor, ...rateLimit(s.config, VERIFY_PER_MINUTE, (req) => bearer(req) ?? req.ip) },
      },
      async () => s.queries.verifyChain(),
    );
    app.get(
      '/audit/trail',
      {
        schema: {
          tags,
          summary:
            "A business date's moves out of the line's order (supervisor): calls out of turn, no-shows, requeues, transfers, cancels and recalls with a reason; who made each and why",
          querystring: AuditTrailQuery,
          response: { 200: AuditTrailDay, ...errorResponses },
        },
        config: { access: supervisor },
      },
      async (req) => s.queries.auditTrail(req.query.date),
    );
  };
}
