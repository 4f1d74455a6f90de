// Counter reads; the counter commands are routes derived from the registry (http/commands.routes.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Counter } from '@jiaohao/shared';
import { errorResponses, type AppServices } from '../../http/context';

export function countersRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/counters',
      {
        schema: { tags: ['counters'], summary: 'All counters', response: { 200: Type.Array(Counter), ...errorResponses } },
        config: { access: { staff: 'clerk', devices: ['kiosk', 'display'] } },
      },
      async () => s.queries.counters(),
    );
  };
}
