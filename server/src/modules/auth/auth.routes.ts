import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError, LoginBody, LoginResult, Staff, StaffName } from '@jiaohao/shared';
import { errorResponses, rateLimit, type AppServices } from '../../http/context';
import { bearer, SESSION_COOKIE } from '../../http/auth';

export function authRoutes(s: AppServices, onLoggedOut: (token: string) => void): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], security: [], summary: 'Staff login: sets the session cookie and returns a bearer token', body: LoginBody, response: { 200: LoginResult, ...errorResponses } },
        config: { access: 'public', ...rateLimit(s.config, s.config.loginPerMinute) },
      },
      async (req, reply) => {
        const result = await s.auth.login(req.body.username, req.body.password, req.ip);
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
    // Anyone may log out: without a session it only clears the cookie.
    app.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End the session', response: { 204: Type.Null() } }, config: { access: 'public' } }, async (req, reply) => {
      const token = bearer(req);
      if (token) {
        s.auth.logout(token);
        onLoggedOut(token);
      }
      void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: s.config.secureCookies });
      return reply.status(204).send(null);
    });
    app.get(
      '/auth/me',
      { schema: { tags: ['auth'], summary: 'Who is logged in', response: { 200: Type.Object({ staff: Staff }), ...errorResponses } }, config: { access: { staff: 'clerk' } } },
      async (req) => {
      const p = req.principal;
      const staff = p?.kind === 'staff' ? s.queries.staffMember(p.id) : undefined;
      if (!staff) throw new DomainError('unauthenticated', 'Log in first');
      return { staff };
      },
    );
    app.get(
      '/staff',
      { schema: { tags: ['staff'], summary: 'Staff accounts (admin)', response: { 200: Type.Array(Staff), ...errorResponses } }, config: { access: { staff: 'admin' } } },
      async () => s.queries.staff(),
    );
    // Names only, for every colleague: who holds a counter, in the clerk and supervisor views.
    // Not in the snapshot, which displays and kiosks are sent too.
    app.get(
      '/staff/names',
      {
        schema: { tags: ['staff'], summary: 'Active staff by display name only (any staff)', response: { 200: Type.Array(StaffName), ...errorResponses } },
        config: { access: { staff: 'clerk' } },
      },
      async () => s.queries.staffNames(),
    );
  };
}
