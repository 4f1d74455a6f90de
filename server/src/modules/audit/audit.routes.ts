// The audit trail (內部控制): the event log read in order, and a check that no row was edited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ChainCheck, DomainError, DomainEvent } from '@jiaohao/shared';
import { requireRole } from '../../core/principal';
import { errorResponses, type AppServices } from '../../http/context';

const tags = ['audit'];

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
      },
      async (req) => {
        requireRole(req.principal, 'supervisor');
        const limit = Number(req.query.limit ?? 200);
        if (limit < 1 || limit > 1000) throw new DomainError('validation_failed', 'limit must be 1–1000');
        const { events } = s.engine.store;
        return { events: events.after(Number(req.query.after ?? 0), limit), lastSeq: events.lastSeq };
      },
    );
    app.get(
      '/events/verify',
      {
        schema: {
          tags,
          summary: 'Recompute the hash chain of the whole log (supervisor); brokenAt is the first row that does not match',
          response: { 200: ChainCheck, ...errorResponses },
        },
      },
      async (req) => {
        requireRole(req.principal, 'supervisor');
        const { events } = s.engine.store;
        const brokenAt = events.verifyChain();
        return { ok: brokenAt === null, checked: events.count(), brokenAt };
      },
    );
  };
}
