// Reports for the supervisor: today's figures per line.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { TodayStats } from '@jiaohao/shared';
import { errorResponses, type AppServices } from '../../http/context';

export function reportsRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/stats/today',
      {
        schema: {
          tags: ['reports'],
          summary: "Today's figures per line and in total (supervisor): issued, served, no-shows, cancelled, waiting now, waits and handling times",
          response: { 200: TodayStats, ...errorResponses },
        },
        config: { access: { staff: 'supervisor' } },
      },
      async () => s.queries.todayStats(),
    );
  };
}
