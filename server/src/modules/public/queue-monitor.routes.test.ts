// GET /api/v1/public/queue-monitor against the published FIWARE Smart Data Models QueueMonitor
// schema (shared/reference/smart-data-models/) with ajv: every entity of a live feed, in each
// status, and a validator shown to refuse broken entities; then the public feed's caching.
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { Value } from '@sinclair/typebox/value';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QueueMonitorFeed, type Office, type QueueMonitorEntity } from '@jiaohao/shared';
import { testApp, type TestApp } from '../../testing/fixtures';
import { officeWithClerkAndKiosk, send } from '../../testing/http';

const SDM = new URL('../../../../shared/reference/smart-data-models/', import.meta.url);
/** Where QueueMonitor.schema.json $refs the common definitions from. */
const COMMON_ID = 'https://smart-data-models.github.io/data-models/common-schema.json';

type Schema = Record<string, unknown> & { $schema?: string };
function reference(name: string): Schema {
  const schema = JSON.parse(readFileSync(new URL(name, SDM), 'utf8')) as Schema;
  // The Smart Data Models files name "http://json-schema.org/schema#" (no draft), a meta-schema Ajv
  // does not know; their keywords are draft-07's, which Ajv's default is.
  delete schema.$schema;
  return schema;
}
const QUEUE_MONITOR = reference('QueueMonitor.schema.json');
// A stand-in written from the published definitions, until the real file is put in its place (see its $comment).
const COMMON = reference('common-schema.json');
const EXAMPLE = JSON.parse(readFileSync(new URL('QueueMonitor.example.json', SDM), 'utf8')) as Record<string, unknown>;

/** ajv with the formats (date-time, uri) and without strict mode: the schemas carry their own keywords (modelTags, $schemaVersion). */
function validator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(COMMON, COMMON_ID);
  return ajv.compile(QUEUE_MONITOR);
}
const validate = validator();
const errorsOf = (value: unknown) => (validate(value) ? [] : validate.errors);

/** Every property the model declares: QueueMonitor's own and the common ones it takes in. */
function declared(): Set<string> {
  const props = (s: unknown) => Object.keys((s as { properties?: object } | undefined)?.properties ?? {});
  const own = (QUEUE_MONITOR.allOf as unknown[]).flatMap(props);
  const definitions = COMMON.definitions as Record<string, unknown>;
  return new Set([...own, ...props(definitions['GSMA-Commons']), ...props(definitions['Location-Commons'])]);
}

let t: TestApp;
let clerk: string;
let kiosk: string;
let supervisor: string;

const queueMonitor = async (): Promise<QueueMonitorEntity[]> => {
  const res = await send(t.app, 'GET', '/api/v1/public/queue-monitor');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<QueueMonitorEntity[]>();
};
/** Every entity valid against the published schema and our own, and nothing the model does not declare. */
function expectValid(entities: QueueMonitorEntity[]) {
  const known = declared();
  for (const e of entities) {
    expect(errorsOf(e), e.id).toEqual([]);
    expect(Object.keys(e).filter((k) => !known.has(k)), e.id).toEqual([]);
  }
  expect([...Value.Errors(QueueMonitorFeed, entities)]).toEqual([]);
}
async function issue(serviceId: string): Promise<string> {
  const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId });
  expect(res.statusCode, res.body).toBe(201);
  t.clock.tick(1000);
  return res.json<{ ticket: { number: string } }>().ticket.number;
}
const byLine = (entities: QueueMonitorEntity[], serviceId: string) => entities.find((e) => e.serviceId === serviceId);

describe('the QueueMonitor schema as ajv reads it', () => {
  it('accepts the published example', () => {
    expect(errorsOf(EXAMPLE)).toEqual([]);
  });

  it.each([
    ['a dateModified that is no date-time', { dateModified: 'yesterday' }],
    ['a serviceStatus outside Open, Closed, Suspended', { serviceStatus: 'Busy' }],
    ['a location of three strings', { location: { type: 'Point', coordinates: ['120.68', '24.15', 'x'] } }],
    ['a location that is no geometry', { location: { type: 'Circle', coordinates: [120.68, 24.15] } }],
    ['an id with a space', { id: 'urn:ngsi-ld:QueueMonitor:test office:reg' }],
    ['another type', { type: 'Queue' }],
    ['a fractional ticketsToServe', { ticketsToServe: 1.5 }],
    ['an address that is a string', { address: '臺中市北區測試路1號' }],
  ])('refuses %s', (_, broken) => {
    expect(errorsOf({ ...EXAMPLE, ...broken })).not.toEqual([]);
  });

  it('requires id and type', () => {
    const { id: _id, ...noId } = EXAMPLE;
    expect(errorsOf(noId)).not.toEqual([]);
  });
});

describe('GET /api/v1/public/queue-monitor', () => {
  beforeEach(async () => {
    ({ t, clerk, kiosk } = await officeWithClerkAndKiosk());
    supervisor = await t.staffToken('supervisor');
  });
  afterEach(() => t.close());

  it('is one valid QueueMonitor per line, following the queue', async () => {
    const office = (await send(t.app, 'GET', '/api/v1/office', clerk)).json<Office>();
    const before = await queueMonitor();
    expectValid(before);
    expect(before.map((e) => e.id)).toEqual(['reg', 'cert', 'small'].map((s) => `urn:ngsi-ld:QueueMonitor:${office.id}:${s}`));
    for (const e of before) {
      expect(e).toMatchObject({ type: 'QueueMonitor', officeName: office.names['zh-TW'], serviceStatus: 'Open', ticketsToServe: 0 });
      // Tuesday 09:00: in the session that started at 08:00 in Taipei.
      expect(e.scheduleTime).toBe('2026-12-01T00:00:00.000Z');
      expect(e.address).toEqual({ streetAddress: office.address, addressLocality: office.locality, addressRegion: office.region, addressCountry: 'TW', postalCode: office.postalCode });
      // GeoJSON order, longitude first.
      expect(e.location).toEqual({ type: 'Point', coordinates: [office.location.lng, office.location.lat] });
      expect(e).not.toHaveProperty('ticketServed');
      expect(e).not.toHaveProperty('lastTicketIssued');
    }

    await send(t.app, 'POST', '/api/v1/counters/c2/open', clerk);
    const reg = [await issue('reg'), await issue('reg'), await issue('reg')];
    const cert = await issue('cert');
    await send(t.app, 'POST', '/api/v1/counters/c2/call-next', clerk);
    const stopped = await send(t.app, 'POST', '/api/v1/office/issuing/stop', supervisor, { serviceId: 'small', reason: 'staff_shortage', until: 'resumed' });
    expect(stopped.statusCode, stopped.body).toBe(200);

    const during = await queueMonitor();
    expectValid(during);
    // The same check refuses a served entity once broken.
    expect(errorsOf({ ...byLine(during, 'reg'), dateModified: 'yesterday' })).not.toEqual([]);
    expect(byLine(during, 'reg')).toMatchObject({
      serviceStatus: 'Open',
      ticketServed: Number(reg[0]),
      ticketServedLabel: reg[0],
      lastTicketIssued: Number(reg[2]),
      lastTicketIssuedLabel: reg[2],
      ticketsToServe: 2,
      queueLine: 'RG',
    });
    expect(byLine(during, 'cert')).toMatchObject({ serviceStatus: 'Open', lastTicketIssued: Number(cert), ticketsToServe: 1 });
    expect(byLine(during, 'cert')).not.toHaveProperty('ticketServed');
    expect(byLine(during, 'small')).toMatchObject({ serviceStatus: 'Suspended', serviceStatusNote: 'staff_shortage' });
    expect(new Set(during.map((e) => e.dateModified)).size).toBe(1);

    // Following the sessions, after hours (18:00): closed until 08:00 tomorrow; the stopped line stays stopped.
    expect((await send(t.app, 'POST', '/api/v1/office/issuing', supervisor, { mode: 'schedule' })).statusCode).toBe(200);
    t.clock.set('2026-12-01T10:00:00.000Z');
    const after = await queueMonitor();
    expectValid(after);
    expect(after.map((e) => [e.serviceId, e.serviceStatus, e.serviceStatusNote, e.scheduleTime])).toEqual([
      ['reg', 'Closed', 'outside_session', '2026-12-02T00:00:00.000Z'],
      ['cert', 'Closed', 'outside_session', '2026-12-02T00:00:00.000Z'],
      ['small', 'Suspended', 'staff_shortage', '2026-12-02T00:00:00.000Z'],
    ]);

    // A typhoon day: every line suspended.
    expect((await send(t.app, 'POST', '/api/v1/office/emergency-close', supervisor, { reason: { 'zh-TW': '颱風停止上班' }, waiting: 'serve' })).statusCode).toBe(200);
    const closed = await queueMonitor();
    expectValid(closed);
    expect(closed.map((e) => [e.serviceStatus, e.serviceStatusNote])).toEqual([
      ['Suspended', 'office_closed'],
      ['Suspended', 'office_closed'],
      ['Suspended', 'office_closed'],
    ]);
  });

  it('carries no tracking token or ticket id', async () => {
    const res = await send(t.app, 'POST', '/api/v1/tickets', kiosk, { serviceId: 'reg' });
    const issued = res.json<{ ticket: { id: string; trackingToken: string } }>().ticket;
    expect(issued.trackingToken).toEqual(expect.any(String));
    const body = (await send(t.app, 'GET', '/api/v1/public/queue-monitor')).body;
    expect(body).not.toContain(issued.trackingToken);
    expect(body).not.toContain(issued.id);
  });

  it('needs no login and has open CORS, JSON, an ETag that answers 304 until the queue changes, and a short Cache-Control', async () => {
    const first = await send(t.app, 'GET', '/api/v1/public/queue-monitor');
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json\b/);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['cache-control']).toMatch(/max-age=5\b/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    // Its own ETag: the bodies differ from the other feeds'.
    expect(etag).not.toBe((await send(t.app, 'GET', '/api/v1/public/status')).headers.etag);
    expect(etag).not.toBe((await send(t.app, 'GET', '/api/v1/public/townpass')).headers.etag);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/public/queue-monitor', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // A minute on with nothing changed: the same bytes.
    t.clock.minutes(2);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/queue-monitor', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    await issue('reg');
    const changed = await t.app.inject({ method: 'GET', url: '/api/v1/public/queue-monitor', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/public/queue-monitor',
      headers: { origin: 'https://broker.example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });

  it('is rate limited per client address like the other public feeds, answering 429', async () => {
    const limited = await testApp({ config: { rateLimits: 'on', publicPerMinute: 2 } });
    try {
      for (let i = 0; i < 2; i++) expect((await send(limited.app, 'GET', '/api/v1/public/queue-monitor')).statusCode).toBe(200);
      const res = await send(limited.app, 'GET', '/api/v1/public/queue-monitor');
      expect(res.statusCode).toBe(429);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
