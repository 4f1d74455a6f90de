// Reads the caller's credentials once per request (the session cookie for browsers, a bearer token
// for staff sessions and devices) and enforces what each route declares it allows.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import { DomainError, type Access } from '@jiaohao/shared';
import { authorize, type Principal } from '../core/principal';
import type { AuthService } from '../modules/auth/auth.service';
import { sameOrigin } from './origin';

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

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance, auth: AuthService, allowedOrigins: readonly string[]): void {
  app.decorateRequest('principal', null);
  // A route that says nothing about access is a mistake, caught when the app is built.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`${String(route.method)} ${route.url} declares no config.access`);
    }
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.access === 'public') return;
    // The browser sends the cookie with any request to this host, also one a foreign page makes:
    // a change made with the cookie alone must come from this server's own pages.
    const byCookie = request.headers.authorization === undefined && request.cookies[SESSION_COOKIE] !== undefined;
    if (byCookie && !SAFE_METHODS.has(request.method) && !sameOrigin(request.headers.origin, request.headers.host, allowedOrigins)) {
      throw new DomainError('forbidden', 'A change made with the session cookie must come from this office’s own pages');
    }
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
