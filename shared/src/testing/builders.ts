// Test-only builders for the shared/ unit tests: one schema-valid object of each kind, with
// overrides. Not exported from the package index; pure (no Node built-ins), like the rest of shared/.
// A test that relies on a value states it itself (an override or a thin local wrapper), so these
// defaults can stay plain.
import type { Announcement, Closure, Counter, Device, DisplaySettings, IssuingStop, NumberRange, Office, Service, Ticket } from '../domain.schemas';
import type { RecentCall, Snapshot } from '../events.schemas';
import { DEFAULT_POLICY } from '../pick-next';

// Schema checks in the tests need the formats registered, as the package index does.
import '../formats';

/** Monday 2024-05-06 10:00 in Taipei. */
export const NOW = Date.parse('2024-05-06T02:00:00.000Z');
export const MIN = 60_000;
export const iso = (ms: number): string => new Date(ms).toISOString();
/** The time `m` minutes before NOW (negative: after). */
export const ago = (m: number): string => iso(NOW - m * MIN);

/** The range 1001–1999, four digits, no prefix, refusing when used up. */
export function range(over: Partial<NumberRange> = {}): NumberRange {
  return { start: 1001, end: 1999, digits: 4, prefix: '', onExhausted: 'refuse', ...over };
}

/** Ticket t1 (1001) of household, waiting since 5 minutes ago; `issuedAt` follows `queuedAt`. */
export function ticket(over: Partial<Ticket> = {}): Ticket {
  const queuedAt = over.queuedAt ?? ago(5);
  return {
    id: 't1',
    number: '1001',
    value: 1001,
    cycle: 0,
    serviceId: 'household',
    class: 'normal',
    language: 'zh-TW',
    channel: 'kiosk',
    state: 'waiting',
    businessDate: '2024-05-06',
    issuedAt: queuedAt,
    queuedAt,
    calledAt: null,
    startedAt: null,
    endedAt: null,
    counterId: null,
    targetCounterId: null,
    recallCount: 0,
    transfers: [],
    appointmentAt: null,
    estimateAtIssue: { min: 5, max: 10 },
    ...over,
  };
}

/** Counter c1 (number 1), open, staffed by staff-1, serving household only. */
export function counter(over: Partial<Counter> = {}): Counter {
  return {
    id: 'c1',
    number: 1,
    names: { 'zh-TW': '1號櫃台' },
    serviceIds: ['household'],
    isPriority: false,
    languages: ['zh-TW'],
    status: 'open',
    pauseReason: null,
    staffId: 'staff-1',
    callsSincePriority: 0,
    active: true,
    ...over,
  };
}

/** The household line (code A), numbered by `range()`, 15 min target wait, 10 min handling. */
export function service(over: Partial<Service> = {}): Service {
  return {
    id: 'household',
    code: 'A',
    names: { 'zh-TW': '戶籍登記', en: 'Household registration' },
    numbering: range(),
    priorityNumbering: null,
    appointmentNumbering: null,
    targetWaitMinutes: 15,
    targetHandlingMinutes: 10,
    documents: { 'zh-TW': ['身分證'] },
    dailyCap: null,
    allowPriority: true,
    allowAppointment: true,
    active: true,
    sortOrder: 1,
    ...over,
  };
}

/** The Taichung North office, issuing by schedule, open Monday 08:00–17:00. */
export function office(over: Partial<Office> = {}): Office {
  return {
    id: 'taichung-north',
    names: { 'zh-TW': '臺中市北區戶政事務所' },
    address: '臺中市北區永興街301號',
    tel: '04-22364000',
    fax: '04-22332143',
    timeZone: 'Asia/Taipei',
    location: { lat: 24.16, lng: 120.68 },
    postalCode: '404',
    locality: '北區',
    region: '臺中市',
    issuingMode: 'schedule',
    sessions: [{ weekday: 1, start: '08:00', end: '17:00', kind: 'regular', serviceIds: null }],
    specialDays: [],
    ...over,
  };
}

/**
 * A snapshot at NOW (seq 42) of `office()` with two lines, household and passport (20 min handling),
 * counter c1 (household) and c2 (household and passport), and no tickets.
 */
export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    seq: 42,
    at: iso(NOW),
    businessDate: '2024-05-06',
    office: office(),
    policy: DEFAULT_POLICY,
    services: [service(), service({ id: 'passport', code: 'B', names: { 'zh-TW': '護照' }, targetHandlingMinutes: 20, sortOrder: 2 })],
    counters: [counter(), counter({ id: 'c2', number: 2, serviceIds: ['household', 'passport'] })],
    tickets: [],
    announcements: [],
    issuingStops: [],
    closure: null,
    recentCalls: [],
    ...over,
  };
}

/** The call of ticket t1 (1001, household) to counter c1 at NOW, by event seq 42. */
export function recentCall(over: Partial<RecentCall> = {}): RecentCall {
  return { seq: 42, at: iso(NOW), ticketId: 't1', number: '1001', serviceId: 'household', counterId: 'c1', language: 'zh-TW', recall: false, ...over };
}

/** What a new display has: every line and counter, chosen by the screen's shape, 80 %, once, also in English. */
export function displaySettings(over: Partial<DisplaySettings> = {}): DisplaySettings {
  return { serviceIds: null, counterIds: null, orientation: 'auto', volume: 80, repeat: 1, languages: ['en'], voice: 'auto', ...over };
}

/** Display d1 in the hall, registered a day before NOW, with `displaySettings()` (a kiosk: `display: null`). */
export function device(over: Partial<Device> = {}): Device {
  return { id: 'd1', kind: 'display', name: '大廳看板', createdAt: ago(24 * 60), revokedAt: null, lastSeenAt: null, display: displaySettings(), ...over };
}

/** Announcement a1 for every line, posted 5 minutes ago, shown for another hour. */
export function announcement(over: Partial<Announcement> = {}): Announcement {
  return {
    id: 'a1',
    texts: { 'zh-TW': '今日下午系統維護，部分業務暫停', en: 'System maintenance this afternoon' },
    serviceIds: null,
    postedAt: ago(5),
    endsAt: ago(-60),
    ...over,
  };
}

/** The household line stopped until resumed, since 5 minutes ago, for want of staff. */
export function issuingStop(over: Partial<IssuingStop> = {}): IssuingStop {
  return { serviceId: 'household', reason: 'staff_shortage', until: 'resumed', since: ago(5), endsAt: null, ...over };
}

/** A typhoon closure since 30 minutes ago; those waiting are still served. */
export function closure(over: Partial<Closure> = {}): Closure {
  return { reason: { 'zh-TW': '颱風停止上班', en: 'Typhoon: offices closed' }, since: ago(30), waiting: 'serve', ...over };
}
