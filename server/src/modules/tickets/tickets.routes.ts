// Ticket reads; the ticket commands are routes derived from the registry (http/commands.routes.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Id, Snapshot, TicketResult } from '@jiaohao/shared';
import { errorResponses, type AppServices } from '../../http/context';
import { residentToken } from '../../http/auth';

const staffAndDevices = { staff: 'clerk', devices: ['kiosk', 'display'] } as const;

export function ticketsRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/tickets/:id',
      {
        schema: {
          tags: ['tickets'],
          summary: 'One ticket (staff or device; a resident with ?token=<tracking token>)',
          params: Type.Object({ id: Id }),
          querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 64 })) }),
          response: { 200: TicketResult, ...errorResponses },
        },
        config: { access: { ...staffAndDevices, resident: true } },
      },
      async (req) => {
        const token = residentToken(req);
        if (token !== undefined) return { ticket: s.queries.ticketForResident(req.params.id, token) };
        return { ticket: s.queries.ticket(req.params.id) };
      },
    );

    app.get(
      '/snapshot',
      {
        schema: {
          tags: ['realtime'],
          summary: 'The office state clients start from (same as the socket snapshot)',
          response: { 200: Snapshot, ...errorResponses },
        },
        config: { access: staffAndDevices },
      },
      async () => s.queries.snapshot(),
    );
  };
}
