// Reads the caller's credentials once per request (the session cookie for browsers, a bearer token
// for staff sessions and devices) and enforces what each route declares it allows.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Access } from '@jiaohao/shared';
import { authorize, type Principal } from '../core/principal';
import type { AuthService } from '../modules/auth/auth.service';

export const SESSION_COOKIE = 'jiaohao_session';

/**
 * Who may call a route: an Access (checked here, before the handler), 'public' (anyone), or
 * 'command' (a command route: the command bus authorises it against the registry).
 */
export type RouteAccess = Access | 'public' | 'command';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies[SESSION_COOKIE];
}

/** A resident's tracking token in the query (`?token=`), for routes that let residents read. */
export function residentToken(request: FastifyRequest): string | undefined {
  const token = (request.query as { token?: unknown } | undefined)?.token;
  return typeof token === 'string' ? token : undefined;
}

export function registerAuth(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('principal', null);
  // A route that says nothing about access is a mistake, caught when the app is built.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`${String(route.method)} ${route.url} declares no config.access`);
    }
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.access === 'public') return;
    request.principal = auth.resolve(bearer(request));
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public' || access === 'command') return;
    // The handler checks the token itself (a resident reads only their own ticket).
    if (access.resident && request.principal === null && residentToken(request) !== undefined) return;
    authorize(request.principal, access);
  });
}
