// Reads of the lines, the office and the queue policy; their changes are command routes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Office, QueuePolicy, Service } from '@jiaohao/shared';
import { errorResponses, type AppServices } from '../../http/context';

const staffAndDevices = { staff: 'clerk', devices: ['kiosk', 'display'] } as const;

export function servicesRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/services',
      { schema: { tags: ['services'], summary: 'All service lines', response: { 200: Type.Array(Service), ...errorResponses } }, config: { access: staffAndDevices } },
      async () => s.queries.services(),
    );
    app.get(
      '/office',
      { schema: { tags: ['office'], summary: 'The office', response: { 200: Office, ...errorResponses } }, config: { access: staffAndDevices } },
      async () => s.queries.office(),
    );
    app.get(
      '/policy',
      {
        schema: { tags: ['office'], summary: 'The queue policy call-next follows (staff)', response: { 200: QueuePolicy, ...errorResponses } },
        config: { access: { staff: 'clerk' } },
      },
      async () => s.queries.policy(),
    );
  };
}
