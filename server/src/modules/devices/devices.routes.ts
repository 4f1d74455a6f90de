import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Device, DeviceCreate, DeviceCreated, DevicePatch, Id } from '@jiaohao/shared';
import { requireRole } from '../../core/principal';
import { errorResponses, type AppServices } from '../../http/context';

const tags = ['devices'];

export function devicesRoutes(s: AppServices, onRevoked: (deviceId: string) => void): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/devices', { schema: { tags, summary: 'Registered kiosks and displays (admin)', response: { 200: Type.Array(Device), ...errorResponses } } }, async (req) => {
      requireRole(req.principal, 'admin');
      return s.devices.list();
    });
    app.post(
      '/devices',
      {
        schema: {
          tags,
          summary: 'Register a kiosk or display; the answer holds its token, shown this once',
          body: DeviceCreate,
          response: { 201: DeviceCreated, ...errorResponses },
        },
      },
      async (req, reply) => {
        requireRole(req.principal, 'admin');
        return reply.status(201).send(s.devices.create(req.body.kind, req.body.name, req.principal!));
      },
    );
    app.patch(
      '/devices/:id',
      {
        schema: {
          tags,
          summary: 'Rename or revoke a device (revoking disconnects it at once)',
          params: Type.Object({ id: Id }),
          body: DevicePatch,
          response: { 200: Device, ...errorResponses },
        },
      },
      async (req) => {
        requireRole(req.principal, 'admin');
        const device = s.devices.update(req.params.id, req.body, req.principal!);
        if (device.revokedAt) onRevoked(device.id);
        return device;
      },
    );
  };
}
