import Fastify from 'fastify';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { addSecurityHeaders, helmetHeaders } from './security-headers';

const OPTIONS = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], upgradeInsecureRequests: null } },
  crossOriginResourcePolicy: { policy: 'cross-origin' as const },
};

describe('security headers worked out once', () => {
  it('are the headers helmet itself sets on a response with the same options', async () => {
    // helmet run the usual way, per request, on a real server response.
    const plain = Fastify();
    plain.addHook('onRequest', (req, reply, done) => helmet(OPTIONS)(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
    plain.get('/', async () => 'ok');
    const expected = (await plain.inject({ method: 'GET', url: '/' })).headers;

    const list = helmetHeaders(OPTIONS);
    expect(list.length).toBeGreaterThanOrEqual(10);
    for (const [name, value] of list) expect([name, expected[name]]).toEqual([name, value]);
    const helmetNames = Object.keys(expected).filter((n) => !['content-type', 'content-length', 'date', 'connection'].includes(n));
    expect(list.map(([n]) => n).sort()).toEqual(helmetNames.sort());
    // helmet's defaults under the options' own directives.
    const csp = new Map(list).get('content-security-policy') ?? '';
    expect(csp.split(';')).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "frame-ancestors 'self'", "object-src 'none'"]));
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(new Map(list).get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('are on every answer: a route, a 404, an error; and a route can still lift one', async () => {
    const app = Fastify();
    addSecurityHeaders(app, OPTIONS);
    app.get('/ok', async () => 'ok');
    app.get('/framed', async (_req, reply) => reply.removeHeader('x-frame-options').send('framed'));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    for (const url of ['/ok', '/nowhere', '/boom']) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.headers['x-frame-options'], res.headers['strict-transport-security']]).toEqual([url, 'SAMEORIGIN', expect.stringMatching(/^max-age=/)]);
      expect(res.headers['content-security-policy'], url).toBe(new Map(helmetHeaders(OPTIONS)).get('content-security-policy'));
    }
    const framed = await app.inject({ method: 'GET', url: '/framed' });
    expect(framed.headers['x-frame-options']).toBeUndefined();
    expect(framed.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses options whose headers would depend on the request', () => {
    const perRequest = { contentSecurityPolicy: { directives: { scriptSrc: ["'self'", (_req: unknown, res: unknown) => `'nonce-${String(res)}'`] } } };
    expect(() => helmetHeaders(perRequest as never)).toThrow(/per request/);
  });
});
