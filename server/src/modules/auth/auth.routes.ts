import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError, Id, LoginBody, LoginResult, Staff, StaffCreate, StaffPatch } from '@jiaohao/shared';
import { requireRole } from '../../core/principal';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';
import { bearer, SESSION_COOKIE } from '../../http/auth';

export function authRoutes(s: AppServices, onLoggedOut: (token: string) => void): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], security: [], summary: 'Staff login: sets the session cookie and returns a bearer token', body: LoginBody, response: { 200: LoginResult, ...errorResponses } },
        config: rateLimit(s.config, s.config.loginPerMinute),
      },
      async (req, reply) => {
        const result = await s.auth.login(req.body.username, req.body.password);
        void reply.setCookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'strict',
          secure: s.config.secureCookies,
          path: '/',
          expires: new Date(result.expiresAt),
        });
        return result;
      },
    );
    app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null() } } }, async (req, reply) => {
      const token = bearer(req);
      if (token) {
        s.auth.logout(token);
        onLoggedOut(token);
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: s.config.secureCookies });
      return reply.status(204).send(null);
    });
    app.get('/auth/me', { schema: { tags: ['auth'], summary: 'Who is logged in', response: { 200: Type.Object({ staff: Staff }), ...errorResponses } } }, async (req) => {
      requireRole(req.principal, 'clerk');
      const p = req.principal;
      const staff = p?.kind === 'staff' ? s.auth.listStaff().find((x) => x.id === p.id) : undefined;
      if (!staff) throw new DomainError('unauthenticated', 'Log in first');
      return { staff };
    });
    app.get('/staff', { schema: { tags: ['staff'], summary: 'Staff accounts (admin)', response: { 200: Type.Array(Staff), ...errorResponses } } }, async (req) => {
      requireRole(req.principal, 'admin');
      return s.auth.listStaff();
    });
    app.post(
      '/staff',
      { schema: { tags: ['staff'], summary: 'Add a staff account (admin)', body: StaffCreate, response: { 201: Staff, ...errorResponses } } },
      async (req, reply) => {
        requireRole(req.principal, 'admin');
        return reply.status(201).send(await s.auth.createStaff(req.body, req.principal!));
      },
    );
    app.patch(
      '/staff/:id',
      { schema: { tags: ['staff'], summary: 'Change a staff account (admin)', params: Type.Object({ id: Id }), body: StaffPatch, response: { 200: Staff, ...errorResponses } } },
      async (req) => {
        requireRole(req.principal, 'admin');
        return s.auth.updateStaff(req.params.id, req.body, req.principal!);
      },
    );
  };
}
