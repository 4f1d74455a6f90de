// Device reads; registering and revoking are command routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Device } from '@jiaohao/shared';
import { errorResponses, type AppServices } from '../../http/context';

export function devicesRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/devices',
      {
        schema: { tags: ['devices'], summary: 'Registered kiosks and displays (admin)', response: { 200: Type.Array(Device), ...errorResponses } },
        config: { access: { staff: 'admin' } },
      },
      async () => s.queries.devices(),
    );
  };
}
