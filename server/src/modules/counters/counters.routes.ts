import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CallNextResult, Counter, CounterCreate, CounterPatch, CounterResult, EmptyBody, Id, PauseBody } from '@jiaohao/shared';
import { requireRole } from '../../core/principal';
import { errorResponses, type AppServices } from '../../http/context';

const Params = Type.Object({ counterId: Id });
const tags = ['counters'];

export function countersRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/counters', { schema: { tags, summary: 'All counters', response: { 200: Type.Array(Counter), ...errorResponses } } }, async (req) => {
      if (req.principal?.kind !== 'device') requireRole(req.principal, 'clerk');
      return s.engine.store.counters.list();
    });
    app.post(
      '/counters',
      { schema: { tags, summary: 'Add a counter (admin)', body: CounterCreate, response: { 201: Counter, ...errorResponses } } },
      async (req, reply) => reply.status(201).send(s.commands.createCounter(req.principal, req.body)),
    );
    app.patch(
      '/counters/:counterId',
      { schema: { tags, summary: 'Change a counter (admin)', params: Params, body: CounterPatch, response: { 200: Counter, ...errorResponses } } },
      async (req) => s.commands.updateCounter(req.principal, req.params.counterId, req.body),
    );
    app.post(
      '/counters/:counterId/open',
      { schema: { tags, summary: 'Open the counter (no-op when open)', params: Params, body: EmptyBody, response: { 200: CounterResult, ...errorResponses } } },
      async (req) => ({ counter: s.commands.openCounter(req.principal, req.params.counterId) }),
    );
    app.post(
      '/counters/:counterId/pause',
      { schema: { tags, summary: 'Pause the counter (reason required)', params: Params, body: PauseBody, response: { 200: CounterResult, ...errorResponses } } },
      async (req) => ({ counter: s.commands.pauseCounter(req.principal, req.params.counterId, req.body.reason, req.body.note) }),
    );
    app.post(
      '/counters/:counterId/close',
      { schema: { tags, summary: 'Close the counter (its ticket must be finished first)', params: Params, body: EmptyBody, response: { 200: CounterResult, ...errorResponses } } },
      async (req) => ({ counter: s.commands.closeCounter(req.principal, req.params.counterId) }),
    );
    app.post(
      '/counters/:counterId/call-next',
      {
        schema: {
          tags,
          summary: 'Call the next ticket for this counter; ticket is null when nobody waits',
          params: Params,
          body: EmptyBody,
          response: { 200: CallNextResult, ...errorResponses },
        },
      },
      async (req) => s.commands.callNext(req.principal, req.params.counterId),
    );
  };
}
