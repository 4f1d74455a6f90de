// The QueueMonitor entities from the public status: one per line, its status from the issuing
// reason, the numbers, the office's address and GeoJSON point, and nothing personal. The served feed
// is checked against the published schema itself in server/src/modules/public/queue-monitor.routes.test.ts.
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { Office, Ticket } from './domain.schemas';
import type { PublicStatus, Snapshot } from './events.schemas';
import { publicStatus, type PublicStatusInput } from './public-status';
import { QueueMonitorEntity, QueueMonitorFeed, queueMonitorOf, queueServiceStatus, type QueueMonitorExtra } from './queue-monitor';
import { ISSUING_CLOSED_REASONS } from './sessions';
import { REASONS } from './tickets.transitions';
import { NOW, ago, closure, issuingStop, office, service, snapshot, ticket } from './testing/builders';

const HOUR = 3_600_000;

function feed(over: Partial<Snapshot> = {}, input: Partial<PublicStatusInput> = {}, extra: Partial<QueueMonitorExtra> = {}) {
  const snap = snapshot(over);
  const at = Date.parse(snap.at);
  const status = publicStatus(snap, { handlingMinutes: {}, ...input });
  return queueMonitorOf(status, snap.office, { now: at, lastIssued: {}, ...extra });
}
const entity = (entities: QueueMonitorFeed, serviceId: string) => entities.find((e) => e.serviceId === serviceId);
const statuses = (entities: QueueMonitorFeed) => entities.map((e) => [e.serviceId, e.serviceStatus, e.serviceStatusNote]);

describe('queueMonitorOf', () => {
  it('gives one schema-valid QueueMonitor per active line, in the office order, with the office and line', () => {
    const entities = feed({
      office: office({ names: { 'zh-TW': '臺中市北區戶政事務所', en: 'Taichung North' } }),
      services: [...snapshot().services, service({ id: 'closed-line', code: 'Z', active: false, sortOrder: 3 })],
    });
    expect([...Value.Errors(QueueMonitorFeed, entities)]).toEqual([]);
    expect(entities.map((e) => e.serviceId)).toEqual(['household', 'passport']);
    expect(entity(entities, 'household')).toEqual({
      id: 'urn:ngsi-ld:QueueMonitor:taichung-north:household',
      type: 'QueueMonitor',
      dateModified: new Date(NOW).toISOString(),
      name: '臺中市北區戶政事務所 戶籍登記',
      alternateName: 'Household registration, Taichung North',
      localId: 'taichung-north:household',
      officeName: '臺中市北區戶政事務所',
      serviceName: '戶籍登記',
      serviceId: 'household',
      serviceStatus: 'Open',
      serviceStatusNote: '',
      // Monday 08:00 in Taipei: the session running now started then.
      scheduleTime: '2024-05-06T00:00:00.000Z',
      queueLine: 'A',
      linePriority: 1,
      ticketsToServe: 0,
      address: { streetAddress: '臺中市北區永興街301號', addressLocality: '北區', addressRegion: '臺中市', addressCountry: 'TW', postalCode: '404' },
      location: { type: 'Point', coordinates: [120.68, 24.16] },
    });
    // The passport line has no English name: no alternateName rather than half of one.
    expect(entity(entities, 'passport')).not.toHaveProperty('alternateName');
  });

  it('writes the point as GeoJSON does, [longitude, latitude] (the reference example has them the other way round)', () => {
    const [first] = feed({ office: office({ location: { lat: 24.1477, lng: 120.6736 } }) });
    expect(first?.location).toEqual({ type: 'Point', coordinates: [120.6736, 24.1477] });
  });

  it('is Open while kiosks issue for the line, from the start of the session running now', () => {
    expect(statuses(feed())).toEqual([
      ['household', 'Open', ''],
      ['passport', 'Open', ''],
    ]);
  });

  it('is Closed outside the sessions, scheduled for the next one', () => {
    // Monday 18:00: the office opens again next Monday at 08:00.
    const entities = feed({ at: new Date(NOW + 8 * HOUR).toISOString() });
    expect(statuses(entities)).toEqual([
      ['household', 'Closed', 'outside_session'],
      ['passport', 'Closed', 'outside_session'],
    ]);
    expect(entities.map((e) => e.scheduleTime)).toEqual(['2024-05-13T00:00:00.000Z', '2024-05-13T00:00:00.000Z']);
  });

  it('schedules each line by its own sessions', () => {
    const entities = feed({
      office: office({
        sessions: [
          { weekday: 1, start: '08:00', end: '17:00', kind: 'regular', serviceIds: ['household'] },
          { weekday: 1, start: '18:00', end: '20:00', kind: 'evening', serviceIds: ['passport'] },
        ],
      }),
    });
    expect(statuses(entities)).toEqual([
      ['household', 'Open', ''],
      ['passport', 'Closed', 'outside_session'],
    ]);
    expect(entities.map((e) => e.scheduleTime)).toEqual(['2024-05-06T00:00:00.000Z', '2024-05-06T10:00:00.000Z']);
  });

  it('leaves scheduleTime out when no session starts within three weeks', () => {
    const [first] = feed({ office: office({ issuingMode: 'open', sessions: [] }) });
    expect(first?.serviceStatus).toBe('Open');
    expect(first).not.toHaveProperty('scheduleTime');
  });

  it("is Suspended while a supervisor's stop holds the line, or the whole office, with the stop's reason", () => {
    expect(statuses(feed({ issuingStops: [issuingStop({ serviceId: 'household', reason: 'staff_shortage' })] }))).toEqual([
      ['household', 'Suspended', 'staff_shortage'],
      ['passport', 'Open', ''],
    ]);
    expect(statuses(feed({ issuingStops: [issuingStop({ serviceId: null, reason: 'system_issue' })] }))).toEqual([
      ['household', 'Suspended', 'system_issue'],
      ['passport', 'Suspended', 'system_issue'],
    ]);
  });

  it('is Suspended during an emergency closure, Closed once the day is closed or issuing is switched off by hand', () => {
    expect(statuses(feed({ closure: closure() }))[0]).toEqual(['household', 'Suspended', 'office_closed']);
    expect(statuses(feed({}, { dayClosed: true }))[0]).toEqual(['household', 'Closed', 'day_closed']);
    expect(statuses(feed({ office: office({ issuingMode: 'closed' }) }))[0]).toEqual(['household', 'Closed', 'issuing_closed']);
  });

  it('places every issuing reason: the stops and the emergency are Suspended, the rest Closed', () => {
    expect(queueServiceStatus(null)).toBe('Open');
    for (const reason of REASONS.issuing_stop) expect(queueServiceStatus(reason), reason).toBe('Suspended');
    expect(Object.fromEntries(ISSUING_CLOSED_REASONS.map((r) => [r, queueServiceStatus(r)]))).toEqual({
      day_closed: 'Closed',
      office_closed: 'Suspended',
      issuing_closed: 'Closed',
      outside_session: 'Closed',
    });
  });

  it('serves the number last called as ticketServed (its integer value) and its label, none before the first call', () => {
    const entities = feed({
      tickets: [
        ticket({ id: 't1', number: '1003', value: 1003, state: 'called', counterId: 'c1', calledAt: ago(4) }),
        ticket({ id: 't2', number: '1007', value: 1007, state: 'serving', counterId: 'c2', calledAt: ago(1), startedAt: ago(0) }),
        ticket({ id: 't3', number: '1008', value: 1008 }),
        ticket({ id: 't4', number: '1009', value: 1009 }),
      ],
    });
    expect(entity(entities, 'household')).toMatchObject({ ticketServed: 1007, ticketServedLabel: '1007', ticketsToServe: 2 });
    expect(entity(entities, 'passport')).not.toHaveProperty('ticketServed');
    expect(entity(entities, 'passport')).not.toHaveProperty('ticketServedLabel');
    expect(entity(entities, 'passport')?.ticketsToServe).toBe(0);
  });

  it('reads a prefixed number by its digits', () => {
    const entities = feed(
      { tickets: [ticket({ number: 'A012', value: 12, state: 'called', counterId: 'c1', calledAt: ago(1) })] },
      {},
      { lastIssued: { household: 'A015' } },
    );
    expect(entity(entities, 'household')).toMatchObject({ ticketServed: 12, ticketServedLabel: 'A012', lastTicketIssued: 15, lastTicketIssuedLabel: 'A015' });
  });

  it('gives the last number issued where the caller read one, and leaves both fields out where not', () => {
    const entities = feed({}, {}, { lastIssued: { household: '1012' } });
    expect(entity(entities, 'household')).toMatchObject({ lastTicketIssued: 1012, lastTicketIssuedLabel: '1012' });
    expect(entity(entities, 'passport')).not.toHaveProperty('lastTicketIssued');
    expect(entity(entities, 'passport')).not.toHaveProperty('lastTicketIssuedLabel');
  });

  it('keeps the URN within the characters an NGSI id allows', () => {
    const odd: Office = office({ id: 'north office/2' });
    const status = publicStatus(snapshot({ office: odd }), { handlingMinutes: {} });
    const [first] = queueMonitorOf(status, odd, { now: NOW, lastIssued: {} });
    expect(first?.id).toBe('urn:ngsi-ld:QueueMonitor:north%20office%2F2:household');
    expect(Value.Check(QueueMonitorEntity, first)).toBe(true);
  });

  it('carries nothing personal: no tracking token, ticket id, staff member or phone number, whatever the status held', () => {
    const secret = 'secret-token-abcdefgh-1234';
    const tickets: Ticket[] = [
      ticket({ id: 'ticket-id-1', trackingToken: secret, state: 'called', counterId: 'c1', calledAt: ago(1) }),
      ticket({ id: 'ticket-id-2', number: '1002', value: 1002, trackingToken: `${secret}-2` }),
    ];
    const snap = snapshot({ tickets });
    const status = publicStatus(snap, { handlingMinutes: {} });
    // Even a status that (wrongly) carried more than its schema: only the fields named are read.
    const leaky = { ...status, tickets, services: status.services.map((s) => ({ ...s, trackingToken: secret, staffId: 'staff-1' })) } as PublicStatus;
    const json = JSON.stringify(queueMonitorOf(leaky, snap.office, { now: NOW, lastIssued: { household: '1002' } }));
    for (const leaked of [secret, 'ticket-id', 'staff-1', 'trackingToken', snap.office.tel, snap.office.fax]) expect(json).not.toContain(leaked);
  });
});
