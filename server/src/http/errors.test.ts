// The bad-input rules at the HTTP edge: every refusal is { error: { code, message } } with a code
// from the closed list and its HTTP status, never a stack trace, and nothing is written. Also the
// health route, the OpenAPI docs, and a check that every documented route has HTTP tests.
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from '@jiaohao/shared';
import { bearerHeader, type TestApp } from '../testing/fixtures';
import { officeWithClerkAndKiosk, send } from '../testing/http';
import { VERSION } from '../app';

let t: TestApp;
let clerk: string;
let kiosk: string;

beforeEach(async () => {
  ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
});
afterEach(() => t.close());

/** Asserts the refusal's shape and status, and that the event log did not move. */
async function expectRefused(request: InjectOptions, status: number, code: ErrorCode): Promise<LightMyRequestResponse> {
  const before = t.eventCount();
  const res = await t.app.inject(request);
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<{ error: { code: ErrorCode; message: string; details?: unknown } }>();
  expect(Object.keys(body)).toEqual(['error']);
  expect(ERROR_CODES).toContain(body.error.code);
  expect(body.error.code).toBe(code);
  expect(ERROR_STATUS[body.error.code]).toBe(status);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  for (const key of Object.keys(body.error)) expect(['code', 'message', 'details']).toContain(key);
  // No stack trace, no source paths.
  expect(res.body).not.toMatch(/\bstack\b/i);
  expect(res.body).not.toMatch(/\n\s+at |\\n\s+at /);
  expect(res.body).not.toMatch(/node_modules|\/src\/|\.ts:\d+|\.js:\d+/);
  expect(t.eventCount()).toBe(before);
  return res;
}

const json = { 'content-type': 'application/json' };

describe('bad requests are refused with a listed code, no stack and nothing written', () => {
  it('invalid JSON is 400 validation_failed', async () => {
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: { ...json, ...bearerHeader(kiosk) }, payload: '{"serviceId": "reg"' }, 400, 'validation_failed');
    await expectRefused({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: 'not json at all' }, 400, 'validation_failed');
  });

  it('unknown fields (additionalProperties: false) are 400 validation_failed', async () => {
    const res = await expectRefused(
      { method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(kiosk), payload: { serviceId: 'reg', name: '王小明' } },
      400,
      'validation_failed',
    );
    expect(res.json().error.details).toEqual([expect.objectContaining({ message: expect.stringMatching(/additional properties/) })]);
    await expectRefused({ method: 'POST', url: '/api/v1/counters/c2/open', headers: bearerHeader(clerk), payload: { force: true } }, 400, 'validation_failed');
    await expectRefused({ method: 'PATCH', url: '/api/v1/office', headers: bearerHeader(t.adminToken), payload: { issuingMode: 'open', id: 'x' } }, 400, 'validation_failed');
  });

  it('wrong types and out-of-range values are 400 validation_failed (no coercion)', async () => {
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(kiosk), payload: { serviceId: 42 } }, 400, 'validation_failed');
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(kiosk), payload: { serviceId: 'reg', class: 'vip' } }, 400, 'validation_failed');
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(kiosk), payload: { serviceId: 'reg', class: 'appointment', appointmentAt: 'tomorrow' } }, 400, 'validation_failed');
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(kiosk), payload: ['reg'] }, 400, 'validation_failed');
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(kiosk), payload: {} }, 400, 'validation_failed');
    await expectRefused(
      { method: 'POST', url: '/api/v1/counters', headers: bearerHeader(t.adminToken), payload: { number: '4', names: { 'zh-TW': '4' }, serviceIds: ['reg'] } },
      400,
      'validation_failed',
    );
    await expectRefused({ method: 'PATCH', url: '/api/v1/staff/x', headers: bearerHeader(t.adminToken), payload: { active: 'yes' } }, 400, 'validation_failed');
    // Path and query parameters are checked as well.
    await expectRefused({ method: 'GET', url: '/api/v1/tickets/not%20an%20id', headers: bearerHeader(clerk) }, 400, 'validation_failed');
    await expectRefused({ method: 'GET', url: `/api/v1/tickets/abc?token=${'x'.repeat(65)}` }, 400, 'validation_failed');
  });

  it('a body over config.bodyLimitBytes is 413 payload_too_large', async () => {
    const limit = t.services.config.bodyLimitBytes;
    const payload = JSON.stringify({ serviceId: 'reg', language: 'x'.repeat(limit) });
    expect(Buffer.byteLength(payload)).toBeGreaterThan(limit);
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: { ...json, ...bearerHeader(kiosk) }, payload }, 413, 'payload_too_large');
    await expectRefused({ method: 'POST', url: '/api/v1/auth/login', headers: json, payload: JSON.stringify({ username: 'admin', password: 'p'.repeat(limit) }) }, 413, 'payload_too_large');
  });

  it('a body that is not JSON is 415 unsupported_media_type', async () => {
    await expectRefused(
      { method: 'POST', url: '/api/v1/tickets', headers: { 'content-type': 'application/xml', ...bearerHeader(kiosk) }, payload: '<serviceId>reg</serviceId>' },
      415,
      'unsupported_media_type',
    );
  });

  it('an unknown route or method is 404 not_found', async () => {
    await expectRefused({ method: 'GET', url: '/api/v1/nothing-here', headers: bearerHeader(clerk) }, 404, 'not_found');
    await expectRefused({ method: 'GET', url: '/api/v2/health' }, 404, 'not_found');
    await expectRefused({ method: 'DELETE', url: '/api/v1/tickets', headers: bearerHeader(t.adminToken) }, 404, 'not_found');
    await expectRefused({ method: 'POST', url: '/api/v1/counters/c2/teleport', headers: bearerHeader(clerk) }, 404, 'not_found');
  });

  it('an unknown resource is 404 not_found', async () => {
    await expectRefused({ method: 'GET', url: '/api/v1/tickets/no-such-ticket', headers: bearerHeader(clerk) }, 404, 'not_found');
    await expectRefused({ method: 'POST', url: '/api/v1/counters/c99/call-next', headers: bearerHeader(clerk) }, 404, 'not_found');
  });

  it('the wrong role is 403 forbidden', async () => {
    await expectRefused({ method: 'POST', url: '/api/v1/counters', headers: bearerHeader(clerk), payload: { number: 4, names: { 'zh-TW': '4' }, serviceIds: ['reg'] } }, 403, 'forbidden');
    await expectRefused({ method: 'POST', url: '/api/v1/day/close', headers: bearerHeader(clerk) }, 403, 'forbidden');
    await expectRefused({ method: 'POST', url: '/api/v1/counters/c2/open', headers: bearerHeader(kiosk) }, 403, 'forbidden');
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers: bearerHeader(t.deviceToken('display')), payload: { serviceId: 'reg' } }, 403, 'forbidden');
  });

  it('a missing or unknown token is 401 unauthenticated', async () => {
    await expectRefused({ method: 'POST', url: '/api/v1/tickets', payload: { serviceId: 'reg' } }, 401, 'unauthenticated');
    await expectRefused({ method: 'GET', url: '/api/v1/snapshot' }, 401, 'unauthenticated');
    await expectRefused({ method: 'GET', url: '/api/v1/snapshot', headers: bearerHeader('jhs_made-up') }, 401, 'unauthenticated');
    await expectRefused({ method: 'GET', url: '/api/v1/snapshot', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }, 401, 'unauthenticated');
  });

  it('a wrong state is 409 (invalid_transition, counter_not_open)', async () => {
    const issued = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    const id = issued.json().ticket.id as string;
    await expectRefused({ method: 'POST', url: `/api/v1/tickets/${id}/finish`, headers: bearerHeader(clerk) }, 409, 'invalid_transition');
    await expectRefused({ method: 'POST', url: '/api/v1/counters/c2/call-next', headers: bearerHeader(clerk) }, 409, 'counter_not_open');
  });

  it('a bug in a handler is 500 internal with a generic message: no stack, no detail', async () => {
    t.app.get('/api/v1/test-only-boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret detail at /work/main/server/src/x.ts:1');
    });
    const res = await expectRefused({ method: 'GET', url: '/api/v1/test-only-boom' }, 500, 'internal');
    expect(res.body).not.toContain('secret detail');
  });
});

describe('the closed list of error codes', () => {
  it('holds no dead code: each one is raised somewhere in the server or the shared rules', () => {
    const read = (dir: URL): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? read(new URL(`${e.name}/`, dir)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(new URL(e.name, dir), 'utf8')] : [],
      );
    const sources = [...read(new URL('../', import.meta.url)), ...read(new URL('../../../shared/src/', import.meta.url))]
      // The list itself does not count as a use.
      .map((src) => src.replace(/export const ERROR_STATUS = \{[\s\S]*?\} as const;/, ''));
    const unused = ERROR_CODES.filter((code) => !sources.some((src) => src.includes(`'${code}'`)));
    expect(unused).toEqual([]);
  });
});

describe('route access', () => {
  it('a route that does not declare who may call it is refused when it is registered', () => {
    expect(() => t.app.get('/api/v1/test-only-open', async () => 'anyone')).toThrow(/declares no config.access/);
  });
});

describe('GET /api/v1/health', () => {
  it('is 200 without a login and tells the version, seq and business date, with helmet headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: VERSION, seq: t.store.events.lastSeq, businessDate: '2026-12-01' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toEqual(expect.any(String));
    await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(after.json().seq).toBeGreaterThan(res.json().seq);
  });
});

// Every route under /api/v1 and the test file that exercises it over HTTP. A route added to the
// server without tests here fails the coverage test below.
const COVERED: Readonly<Record<string, string>> = {
  'GET /api/v1/health': 'http/errors.test.ts',
  'POST /api/v1/auth/login': 'modules/auth/auth.routes.test.ts',
  'POST /api/v1/auth/logout': 'modules/auth/auth.routes.test.ts',
  'GET /api/v1/auth/me': 'modules/auth/auth.routes.test.ts',
  'GET /api/v1/staff': 'modules/auth/auth.routes.test.ts',
  'POST /api/v1/staff': 'modules/auth/auth.routes.test.ts',
  'PATCH /api/v1/staff/{staffId}': 'modules/auth/auth.routes.test.ts',
  'GET /api/v1/services': 'modules/services/services.routes.test.ts',
  'POST /api/v1/services': 'modules/services/services.routes.test.ts',
  'PATCH /api/v1/services/{serviceId}': 'modules/services/services.routes.test.ts',
  'GET /api/v1/office': 'modules/services/services.routes.test.ts',
  'PATCH /api/v1/office': 'modules/services/services.routes.test.ts',
  'POST /api/v1/office/issuing': 'modules/services/services.routes.test.ts',
  'GET /api/v1/policy': 'modules/services/services.routes.test.ts',
  'PATCH /api/v1/policy': 'modules/services/services.routes.test.ts',
  'GET /api/v1/counters': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters': 'modules/counters/counters.routes.test.ts',
  'PATCH /api/v1/counters/{counterId}': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/open': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/pause': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/close': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/call-next': 'modules/counters/counters.routes.test.ts',
  'GET /api/v1/devices': 'modules/devices/devices.routes.test.ts',
  'POST /api/v1/devices': 'modules/devices/devices.routes.test.ts',
  'PATCH /api/v1/devices/{deviceId}': 'modules/devices/devices.routes.test.ts',
  'POST /api/v1/tickets': 'modules/tickets/tickets.routes.test.ts',
  'GET /api/v1/tickets/{id}': 'modules/tickets/tickets.routes.test.ts',
  'GET /api/v1/snapshot': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/recall': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/start': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/finish': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/no-show': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/requeue': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/call': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/transfer': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/cancel': 'modules/tickets/tickets.routes.test.ts',
  'POST /api/v1/day/close': 'modules/tickets/tickets.routes.test.ts',
  'GET /api/v1/public/status': 'modules/public/public.routes.test.ts',
  'GET /api/v1/public/events': 'modules/public/public.routes.test.ts',
  'GET /api/v1/events': 'modules/audit/audit.routes.test.ts',
  'GET /api/v1/events/verify': 'modules/audit/audit.routes.test.ts',
};

/** A regexp for the URL as the tests write it: `{id}` matches a literal id or a `${…}` template. */
function urlPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped.replace(/\\?\{[^}]+\\?\}/g, '[^/\\s\'"`]+')}(?![\\w/-])`);
}

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown> }>>;
}

describe('OpenAPI docs', () => {
  it('GET /docs is the HTML page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toMatch(/<html/i);
    expect(res.body).toMatch(/swagger/i);
  });

  it('GET /docs/json is OpenAPI 3 with every route, each with a summary and its responses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<OpenApiDoc>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: expect.stringContaining('Jiaohao'), version: VERSION });
    const paths = Object.keys(doc.paths);
    for (const expected of ['/api/v1/tickets', '/api/v1/tickets/{ticketId}/transfer', '/api/v1/counters/{counterId}/call-next', '/api/v1/public/status', '/api/v1/auth/login']) {
      expect(paths).toContain(expected);
    }
    for (const [path, ops] of Object.entries(doc.paths)) {
      expect(path.startsWith('/api/v1/'), path).toBe(true);
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toEqual(expect.any(String));
        if (path !== '/api/v1/public/events') expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    // Error answers are declared with the shared error shape.
    const issue = doc.paths['/api/v1/tickets']?.post;
    expect(issue?.responses).toHaveProperty('201');
    expect(issue?.responses).toHaveProperty('409');
  });

  it('every documented route is in the covered list and mentioned by its test file (and nothing else is listed)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApiDoc>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThanOrEqual(30);
    const untested = documented.filter((route) => !(route in COVERED));
    expect(untested, 'routes without HTTP tests: add tests and list them in COVERED').toEqual([]);
    const stale = Object.keys(COVERED).filter((route) => !documented.includes(route));
    expect(stale, 'listed routes that the server no longer has').toEqual([]);

    const sources = new Map<string, string>();
    for (const [route, file] of Object.entries(COVERED)) {
      if (!sources.has(file)) sources.set(file, readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
      const path = route.slice(route.indexOf(' ') + 1);
      const method = route.slice(0, route.indexOf(' '));
      const source = sources.get(file)!;
      expect(urlPattern(path).test(source), `${file} never requests ${path}`).toBe(true);
      expect(source.includes(`'${method}'`), `${file} never sends ${method}`).toBe(true);
    }
  });

  it('the route pattern used by the coverage check tells routes apart', () => {
    const pattern = urlPattern('/api/v1/tickets/{id}/call');
    expect(pattern.test('`/api/v1/tickets/${ticket.id}/call`')).toBe(true);
    expect(pattern.test("'/api/v1/tickets/abc/call'")).toBe(true);
    expect(pattern.test('`/api/v1/tickets/${ticket.id}/call-next`')).toBe(false);
    expect(pattern.test('`/api/v1/tickets/${ticket.id}/cancel`')).toBe(false);
    expect(urlPattern('/api/v1/tickets').test("'/api/v1/tickets/abc'")).toBe(false);
    expect(urlPattern('/api/v1/tickets').test("'/api/v1/tickets'")).toBe(true);
  });
});
