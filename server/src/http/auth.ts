// Reads the caller's credentials once per request: the session cookie (browsers) or a bearer token
// (staff sessions and devices).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Principal } from '../core/principal';
import type { AuthService } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'jiaohao_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/api/v1/public/')) return;
    request.principal = auth.resolve(bearer(request));
  });
}
