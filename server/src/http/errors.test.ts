// The bad-input rules at the HTTP edge: every refusal is { error: { code, message } } with a code
// from the closed list and its HTTP status, never a stack trace, and nothing is written. Also the
// health route, the OpenAPI docs, and a check that every documented route has HTTP tests.
import { readdirSync, readFileSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { DomainError, ERROR_CODES, ERROR_STATUS, INSTANT_MESSAGE, type ErrorCode } from '@jiaohao/shared';
import { bearerHeader, type TestApp } from '../testing/fixtures';
import { officeWithClerkAndKiosk, send } from '../testing/http';
import { SYSTEM } from '../core/principal';
import { VERSION } from '../app';
import { clientErrorHandler, FORBIDDEN_KEY_MESSAGE, type ClientError } from './errors';

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

  it('a body with a __proto__ or constructor.prototype key is valid JSON refused for safety, and says so', async () => {
    const headers = { ...json, ...bearerHeader(kiosk) };
    for (const payload of [
      '{"serviceId":"reg","__proto__":{"isAdmin":true}}',
      '{"serviceId":"reg","nested":{"__proto__":null}}',
      '{"serviceId":"reg","\\u005f_proto__":{}}',
      '{"serviceId":"reg","constructor":{"prototype":{"isAdmin":true}}}',
    ]) {
      const res = await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers, payload }, 400, 'validation_failed');
      expect(res.json().error.message, payload).toBe(FORBIDDEN_KEY_MESSAGE);
    }
    // Broken JSON is still called that.
    const broken = await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers, payload: '{"__proto__":' }, 400, 'validation_failed');
    expect(broken.json().error.message).toMatch(/not valid JSON/);
  });

  it('a date-time that names no real instant is 400 validation_failed with a clear message, never 500', async () => {
    const headers = bearerHeader(kiosk);
    for (const appointmentAt of ['2026-12-02T23:59:60+08:00', '2026-12-31T23:59:60Z', '2026-02-30T10:00:00+08:00', '2026-12-02T24:00:00+08:00', '2026-12-02t10:00:00z']) {
      const res = await expectRefused({ method: 'POST', url: '/api/v1/tickets', headers, payload: { serviceId: 'reg', class: 'appointment', appointmentAt } }, 400, 'validation_failed');
      expect(res.json().error.message, appointmentAt).toBe(`body/appointmentAt ${INSTANT_MESSAGE}`);
      expect(res.json().error.details).toEqual([{ path: '/appointmentAt', message: INSTANT_MESSAGE }]);
      // The command bus (sockets, the app itself) refuses it alike.
      const refused = await t.services.bus.execute(SYSTEM, 'ticket:issue', { serviceId: 'reg', class: 'appointment', appointmentAt }).catch((e: unknown) => e);
      expect(refused, appointmentAt).toBeInstanceOf(DomainError);
      expect(refused).toMatchObject({ code: 'validation_failed', message: `/appointmentAt: ${INSTANT_MESSAGE}` });
    }
  });

  it('an integer that SQLite cannot store, or no office needs, is 400 validation_failed, never 500', async () => {
    const admin = bearerHeader(t.adminToken);
    for (const payload of [{ sortOrder: 1e300 }, { sortOrder: 2 ** 53 }, { sortOrder: -1e300 }, { dailyCap: 1e300 }, { targetWaitMinutes: 1e300 }]) {
      await expectRefused({ method: 'PATCH', url: '/api/v1/services/reg', headers: admin, payload }, 400, 'validation_failed');
      const refused = await t.services.bus.execute(SYSTEM, 'service:update', { serviceId: 'reg', ...payload }).catch((e: unknown) => e);
      expect(refused, JSON.stringify(payload)).toMatchObject({ code: 'validation_failed' });
    }
    const counter = { number: 1e300, names: { 'zh-TW': '4' }, serviceIds: ['reg'] };
    await expectRefused({ method: 'POST', url: '/api/v1/counters', headers: admin, payload: counter }, 400, 'validation_failed');
    // The bounds themselves are fine.
    expect((await send(t.app, 'PATCH', '/api/v1/services/reg', t.adminToken, { sortOrder: -1_000_000, dailyCap: 999_999 })).statusCode).toBe(200);
  });

  it('what the router refuses before routing has the same shape (broken percent-encoding, an over-long path parameter)', async () => {
    await expectRefused({ method: 'POST', url: '/api/v1/tickets/%E0%A4%A/call', headers: bearerHeader(clerk) }, 400, 'bad_request');
    await expectRefused({ method: 'GET', url: '/api/v1/tickets/%zz' }, 400, 'bad_request');
    await expectRefused({ method: 'POST', url: `/api/v1/counters/${'c'.repeat(101)}/open`, headers: bearerHeader(clerk) }, 400, 'validation_failed');
  });

  it('a bug in a handler is 500 internal with a generic message: no stack, no detail', async () => {
    t.app.get('/api/v1/test-only-boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret detail at /work/main/server/src/x.ts:1');
    });
    const res = await expectRefused({ method: 'GET', url: '/api/v1/test-only-boom' }, 500, 'internal');
    expect(res.body).not.toContain('secret detail');
  });
});

/** Writes `request` on a raw connection and reads everything until the server closes it. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server closes once it has answered; a reset after the answer is fine too.
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? undefined : reject(err)));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseResponse(raw: string): { status: number; headers: Record<string, string>; body: unknown } {
  const end = raw.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  const text = raw.slice(end + 4);
  expect(Buffer.byteLength(text)).toBe(Number(headers['content-length']));
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(text) };
}

describe('requests Node refuses before routing answer in the same shape', () => {
  let port: number;
  beforeEach(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });

  const expectShape = (res: ReturnType<typeof parseResponse>, status: number, code: ErrorCode) => {
    expect(res.status).toBe(status);
    expect(ERROR_STATUS[code]).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.connection).toBe('close');
    expect(res.body).toEqual({ error: { code, message: expect.stringMatching(/\w/) } });
  };

  it('headers over the limit (20 KB) are 431 headers_too_large', async () => {
    const raw = await rawExchange(port, `GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect(raw.startsWith('HTTP/1.1 431 Request Header Fields Too Large\r\n')).toBe(true);
    expectShape(parseResponse(raw), 431, 'headers_too_large');
  });

  it('a garbage request line is 400 bad_request', async () => {
    for (const request of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n', 'GET / HTTP/1.1\r\nHost x\r\n\r\n']) {
      const raw = await rawExchange(port, request);
      expect(raw.startsWith('HTTP/1.1 400 Bad Request\r\n'), JSON.stringify(request)).toBe(true);
      expectShape(parseResponse(raw), 400, 'bad_request');
    }
  });

  it('the server still answers afterwards', async () => {
    await rawExchange(port, 'GARBAGE\r\n\r\n');
    const raw = await rawExchange(port, 'GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(raw.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
  });
});

describe('clientErrorHandler', () => {
  /** A socket that records what is written to it. */
  const fakeSocket = (state: { writable?: boolean; destroyed?: boolean; headersSent?: boolean } = {}) => {
    const written: string[] = [];
    let destroyed = state.destroyed ?? false;
    const socket = {
      writable: state.writable ?? true,
      get destroyed() {
        return destroyed;
      },
      _httpMessage: state.headersSent === undefined ? null : { headersSent: state.headersSent },
      write: (s: string) => written.push(s),
      destroy: () => {
        destroyed = true;
      },
    };
    return { socket: socket as unknown as Socket, written, isDestroyed: () => destroyed };
  };
  const clientError = (code: string): ClientError => Object.assign(new Error(code), { code });

  it('a request that took too long is 408 request_timeout, and the connection closes', () => {
    const { socket, written, isDestroyed } = fakeSocket();
    clientErrorHandler.call(undefined, clientError('ERR_HTTP_REQUEST_TIMEOUT'), socket);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(JSON.parse(written[0]!.split('\r\n\r\n')[1]!)).toEqual({ error: { code: 'request_timeout', message: expect.any(String) } });
    expect(isDestroyed()).toBe(true);
  });

  it('writes nothing on a reset connection, or into a response already on its way', () => {
    const reset = fakeSocket();
    clientErrorHandler.call(undefined, clientError('ECONNRESET'), reset.socket);
    expect(reset.written).toEqual([]);
    const answering = fakeSocket({ headersSent: true });
    clientErrorHandler.call(undefined, clientError('HPE_INVALID_METHOD'), answering.socket);
    expect(answering.written).toEqual([]);
    expect(answering.isDestroyed()).toBe(true);
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
  'GET /api/v1/staff/names': 'modules/auth/auth.routes.test.ts',
  'POST /api/v1/staff': 'modules/auth/auth.routes.test.ts',
  'PATCH /api/v1/staff/{staffId}': 'modules/auth/auth.routes.test.ts',
  'GET /api/v1/services': 'modules/services/services.routes.test.ts',
  'POST /api/v1/services': 'modules/services/services.routes.test.ts',
  'PATCH /api/v1/services/{serviceId}': 'modules/services/services.routes.test.ts',
  'GET /api/v1/office': 'modules/services/services.routes.test.ts',
  'PATCH /api/v1/office': 'modules/services/services.routes.test.ts',
  'POST /api/v1/office/issuing': 'modules/services/services.routes.test.ts',
  'POST /api/v1/office/issuing/stop': 'modules/office/office.routes.test.ts',
  'POST /api/v1/office/issuing/resume': 'modules/office/office.routes.test.ts',
  'POST /api/v1/office/emergency-close': 'modules/office/office.routes.test.ts',
  'POST /api/v1/office/emergency-end': 'modules/office/office.routes.test.ts',
  'POST /api/v1/announcements': 'modules/announcements/announcements.routes.test.ts',
  'POST /api/v1/announcements/{announcementId}/withdraw': 'modules/announcements/announcements.routes.test.ts',
  'GET /api/v1/stats/today': 'modules/reports/reports.routes.test.ts',
  'GET /api/v1/reports': 'modules/reports/reports.report.routes.test.ts',
  'GET /api/v1/reports.csv': 'modules/reports/reports.report.routes.test.ts',
  'GET /api/v1/reports.ods': 'modules/reports/reports.exports.test.ts',
  'GET /api/v1/reports.pdf': 'modules/reports/reports.exports.test.ts',
  'GET /api/v1/policy': 'modules/services/services.routes.test.ts',
  'PATCH /api/v1/policy': 'modules/services/services.routes.test.ts',
  'GET /api/v1/counters': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters': 'modules/counters/counters.routes.test.ts',
  'PATCH /api/v1/counters/{counterId}': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/open': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/pause': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/close': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/call-next': 'modules/counters/counters.routes.test.ts',
  'POST /api/v1/counters/{counterId}/release': 'modules/counters/counters.routes.test.ts',
  'GET /api/v1/devices': 'modules/devices/devices.routes.test.ts',
  'POST /api/v1/devices': 'modules/devices/devices.routes.test.ts',
  'PATCH /api/v1/devices/{deviceId}': 'modules/devices/devices.routes.test.ts',
  'POST /api/v1/tickets/{ticketId}/print-failed': 'modules/devices/devices.routes.test.ts',
  'POST /api/v1/tickets': 'modules/tickets/tickets.routes.test.ts',
  'GET /api/v1/tickets/{id}': 'modules/tickets/tickets.routes.test.ts',
  'GET /api/v1/tickets/{id}/ticket.pdf': 'modules/tickets/ticket-print.routes.test.ts',
  'GET /api/v1/snapshot': 'modules/tickets/tickets.routes.test.ts',
  'GET /api/v1/estimates': 'modules/tickets/tickets.routes.test.ts',
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
  'GET /api/v1/public/tickets/{token}': 'modules/public/eticket.routes.test.ts',
  'POST /api/v1/public/tickets/{token}/rating': 'modules/public/eticket-rating.routes.test.ts',
  'GET /api/v1/public/townpass': 'modules/public/townpass.routes.test.ts',
  'GET /api/v1/public/queue-monitor': 'modules/public/queue-monitor.routes.test.ts',
  'GET /api/v1/public/stats/daily.json': 'modules/public/open-data.routes.test.ts',
  'GET /api/v1/public/stats/daily.csv': 'modules/public/open-data.routes.test.ts',
  'GET /api/v1/events': 'modules/audit/audit.routes.test.ts',
  'GET /api/v1/events/verify': 'modules/audit/audit.routes.test.ts',
  'GET /api/v1/audit/trail': 'modules/audit/audit-trail.routes.test.ts',
  'GET /api/v1/public/booking': 'modules/appointments/appointments.routes.test.ts',
  'GET /api/v1/public/booking/slots': 'modules/appointments/appointments.routes.test.ts',
  'POST /api/v1/public/appointments': 'modules/appointments/appointments.routes.test.ts',
  'GET /api/v1/public/appointments/{manageToken}': 'modules/appointments/appointments.routes.test.ts',
  'POST /api/v1/public/appointments/{manageToken}/cancel': 'modules/appointments/appointments.routes.test.ts',
  'GET /api/v1/booking/offer': 'modules/appointments/appointments.routes.test.ts',
  'GET /api/v1/booking/slots': 'modules/appointments/appointments.routes.test.ts',
  'POST /api/v1/appointments': 'modules/appointments/appointments.routes.test.ts',
  'GET /api/v1/appointments': 'modules/appointments/appointments.routes.test.ts',
  'POST /api/v1/appointments/{id}/cancel': 'modules/appointments/appointments.routes.test.ts',
  'GET /api/v1/appointments/no-shows': 'modules/appointments/appointments.routes.test.ts',
  'GET /api/v1/booking/settings': 'modules/appointments/appointments.routes.test.ts',
  'PATCH /api/v1/booking/settings': 'modules/appointments/appointments.routes.test.ts',
  'POST /api/v1/appointments/check-in': 'modules/appointments/check-in.routes.test.ts',
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
