import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Id, Office, OfficePatch, Service, ServiceCreate, ServicePatch } from '@jiaohao/shared';
import { requireRole } from '../../core/principal';
import { errorResponses, type AppServices } from '../../http/context';

const tags = ['services'];

export function servicesRoutes(s: AppServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/services', { schema: { tags, summary: 'All service lines', response: { 200: Type.Array(Service), ...errorResponses } } }, async (req) => {
      if (req.principal?.kind !== 'device') requireRole(req.principal, 'clerk');
      return s.engine.store.services.list();
    });
    app.post(
      '/services',
      { schema: { tags, summary: 'Add a service line (admin)', body: ServiceCreate, response: { 201: Service, ...errorResponses } } },
      async (req, reply) => reply.status(201).send(s.commands.createService(req.principal, req.body)),
    );
    app.patch(
      '/services/:id',
      { schema: { tags, summary: 'Change a service line (admin)', params: Type.Object({ id: Id }), body: ServicePatch, response: { 200: Service, ...errorResponses } } },
      async (req) => s.commands.updateService(req.principal, req.params.id, req.body),
    );
    app.get('/office', { schema: { tags: ['office'], summary: 'The office', response: { 200: Office, ...errorResponses } } }, async (req) => {
      if (req.principal?.kind !== 'device') requireRole(req.principal, 'clerk');
      return s.engine.snapshot().office;
    });
    app.patch(
      '/office',
      {
        schema: {
          tags: ['office'],
          summary: 'Change the office; issuingMode alone (open/closed/schedule) needs a supervisor, the rest an admin',
          body: OfficePatch,
          response: { 200: Office, ...errorResponses },
        },
      },
      async (req) => s.commands.updateOffice(req.principal, req.body),
    );
  };
}
