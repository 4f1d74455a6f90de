import { describe, expect, it } from 'vitest';
import { COUNTER_SUPERVISOR } from '@jiaohao/shared/catalogs';
import { fromSnapshot } from '@jiaohao/shared/reducer';
import { DEFAULT_POLICY, ISSUING_CLOSED_REASONS, REASONS } from '@jiaohao/shared/rules';
import type { Snapshot, TodayStats } from '@jiaohao/shared/schemas';
import { MIN, NOW, ago, announcement, counter, iso, issuingStop, snapshot, ticket } from '@jiaohao/shared/testing';
import {
  alertSentence,
  announcementPayload,
  closureConsequences,
  closurePayload,
  counterRows,
  defaultAnnouncementEnd,
  everyNthSentence,
  floorAlerts,
  issuingSentence,
  lineRows,
  officeIssuing,
  policyPatch,
  policyValue,
  raisedAlertSentence,
  shownAnnouncements,
  statsRows,
  thresholdSentence,
  type AnnouncementDraft,
  type RaisedAlert,
  type Sentence,
} from './model';

/** Household (target wait 15, handling 10) and passport (target 15, handling 20); c1 serves household, c2 both. */
const state = (over: Partial<Snapshot> = {}) => fromSnapshot(snapshot(over));
const waiting = (id: string, minutes: number, serviceId = 'household') => ticket({ id, number: id, serviceId, queuedAt: ago(minutes) });
const atCounter = (id: string, counterId: string, calledMinutesAgo: number, serviceId = 'household', at: 'called' | 'serving' = 'serving') =>
  ticket({ id, number: id, serviceId, state: at, counterId, issuedAt: ago(calledMinutesAgo + 5), queuedAt: ago(calledMinutesAgo + 5), calledAt: ago(calledMinutesAgo) });

/** Every sentence key must be in the catalog (an ordinal one under its _ordinal_ forms). */
const inCatalog = (s: Sentence | null) => {
  if (!s) return true;
  const keys: readonly string[] = COUNTER_SUPERVISOR.keys;
  const refs = Object.values(s.refs ?? {}).every((k) => keys.includes(k));
  return refs && (s.ordinal ? ['one', 'two', 'few', 'other'].every((c) => keys.includes(`${s.key}_ordinal_${c}`)) : keys.includes(s.key));
};

describe('counterRows', () => {
  it('says who holds each counter, what it is doing and for how long, in counter order', () => {
    const s = state({
      counters: [counter({ id: 'c2', number: 2, staffId: null, status: 'closed' }), counter({ id: 'c1', number: 1, staffId: 'mei' }), counter({ id: 'c3', number: 3, staffId: 'wang', status: 'paused', pauseReason: 'meal' })],
      tickets: [atCounter('1001', 'c1', 12)],
    });
    const rows = counterRows(s, { mei: '林美' }, NOW);
    expect(rows.map((r) => r.counter.id)).toEqual(['c1', 'c2', 'c3']);
    expect(rows[0]).toMatchObject({ holderId: 'mei', holderName: '林美', minutesAtCounter: 12, overLimit: true, canRelease: true });
    expect(rows[0]!.ticket?.number).toBe('1001');
    expect(rows[1]).toMatchObject({ holderId: null, ticket: null, minutesAtCounter: null, canRelease: false });
    // A paused counter is still held; a name not known yet is null (the view says "another clerk").
    expect(rows[2]).toMatchObject({ holderId: 'wang', holderName: null, canRelease: true });
  });

  it('a ticket exactly at its handling limit is not over it', () => {
    const rows = counterRows(state({ tickets: [atCounter('1001', 'c1', 10)] }), {}, NOW);
    expect(rows[0]).toMatchObject({ minutesAtCounter: 10, overLimit: false });
  });

  it('leaves out retired counters', () => {
    expect(counterRows(state({ counters: [counter({ active: false })] }), {}, NOW)).toEqual([]);
  });
});

describe('lineRows', () => {
  it('counts the waiting, the longest wait against the target, open counters, and takes the server’s estimate', () => {
    const s = state({ tickets: [waiting('a', 20), waiting('b', 3), waiting('p', 2, 'passport')] });
    const [household, passport] = lineRows(s, NOW, { household: { normal: { min: 5, max: 15 }, priority: { min: 0, max: 5 } } });
    expect(household).toMatchObject({ waiting: 2, longestWaitMinutes: 20, overTarget: true, openCounters: 2, estimate: { min: 5, max: 15 } });
    // A line the server gave no range for has none; before the first answer, 'pending'.
    expect(passport!.estimate).toBeNull();
    expect(lineRows(s, NOW, null)[0]!.estimate).toBe('pending');
    expect(household!.issuing).toEqual({ open: true, reason: null });
    expect(passport).toMatchObject({ waiting: 1, longestWaitMinutes: 2, overTarget: false, openCounters: 1 });
  });

  it('an empty line has no longest wait; a line no open counter serves has no open counters', () => {
    const s = state({ counters: [counter({ status: 'paused' }), counter({ id: 'c2', number: 2, serviceIds: ['passport'] })] });
    const [household] = lineRows(s, NOW, { household: { normal: null, priority: null } });
    expect(household).toMatchObject({ waiting: 0, longestWaitMinutes: null, overTarget: false, openCounters: 0, estimate: null });
  });

  it('knows a line stopped on its own, and the office stopped as a whole', () => {
    const s = state({ issuingStops: [issuingStop(), issuingStop({ serviceId: null, reason: 'closing_early', until: 'session_end', endsAt: iso(NOW + 60 * MIN) })] });
    const [household, passport] = lineRows(s, NOW, null);
    expect(household!.stop?.reason).toBe('staff_shortage');
    expect(household!.issuing).toEqual({ open: false, reason: 'closing_early' }); // the office's stop wins
    expect(passport!.stop).toBeNull();
    expect(officeIssuing(s, NOW).stop?.reason).toBe('closing_early');
    // A session_end stop whose session ended holds no more.
    expect(officeIssuing(s, NOW + 61 * MIN).stop).toBeNull();
  });
});

describe('floorAlerts', () => {
  it('is empty when every line is within its target and every ticket within its limit', () => {
    expect(floorAlerts(state({ tickets: [waiting('a', 15), atCounter('b', 'c1', 9)] }), NOW)).toEqual([]);
  });

  it('raises a line past its target wait, with the wait, the target and how many wait', () => {
    expect(floorAlerts(state({ tickets: [waiting('a', 16), waiting('b', 1)] }), NOW)).toEqual([
      { kind: 'line_over_target', id: 'wait:household', serviceId: 'household', minutes: 16, targetMinutes: 15, waiting: 2 },
    ]);
  });

  it('raises a ticket at a counter past its line’s handling-time limit (處理時限)', () => {
    const alerts = floorAlerts(state({ tickets: [atCounter('2001', 'c2', 25, 'passport', 'called')] }), NOW);
    expect(alerts).toEqual([
      { kind: 'handling_over_limit', id: 'handling:c2', counterId: 'c2', ticketId: '2001', number: '2001', serviceId: 'passport', minutes: 25, limitMinutes: 20 },
    ]);
  });

  it('raises people waiting where no open counter serves the line, first; then the furthest past its limit', () => {
    const s = state({
      counters: [counter({ id: 'c1', serviceIds: ['household'] }), counter({ id: 'c2', number: 2, serviceIds: ['household'] })],
      tickets: [waiting('p', 30, 'passport'), waiting('h', 18), atCounter('x', 'c1', 40)],
    });
    expect(floorAlerts(s, NOW).map((a) => a.id)).toEqual(['unserved:passport', 'handling:c1', 'wait:passport', 'wait:household']);
  });

  it('moves on with the clock alone', () => {
    const s = state({ tickets: [waiting('a', 10)] });
    expect(floorAlerts(s, NOW)).toEqual([]);
    expect(floorAlerts(s, NOW + 6 * MIN).map((a) => a.kind)).toEqual(['line_over_target']);
  });

  it('says each in words with the names of the line and counter', () => {
    const s = state({ tickets: [atCounter('1001', 'c1', 12)] });
    const [alert] = floorAlerts(s, NOW);
    const sentence = alertSentence(alert!, s, 'en');
    expect(sentence).toEqual({ key: 'floor.alert.overLimit', values: { counter: '1號櫃台', number: '1001', line: 'Household registration', minutes: 12, limit: 10 } });
    expect(inCatalog(sentence)).toBe(true);
  });

  it('a server alert says which device ran how many in what window', () => {
    const event: RaisedAlert = {
      seq: 9,
      type: 'alert:raised',
      at: iso(NOW),
      actor: { kind: 'system', id: null },
      reason: null,
      data: { alert: { kind: 'command_rate', command: 'ticket:issue', by: { kind: 'device', id: 'kiosk-2' }, count: 40, windowSeconds: 60 } },
    };
    expect(raisedAlertSentence(event, {})).toEqual({ key: 'floor.alert.rate.device', values: { who: 'kiosk-2', count: 40, seconds: 60, command: 'ticket:issue' } });
    const byStaff: RaisedAlert = { ...event, data: { alert: { kind: 'command_rate', command: 'ticket:issue', by: { kind: 'staff', id: 'mei' }, count: 40, windowSeconds: 60 } } };
    expect(raisedAlertSentence(byStaff, { mei: '林美' }).values.who).toBe('林美');
  });

  it('a kiosk that could not print says which number, and why', () => {
    const event: RaisedAlert = {
      seq: 10,
      type: 'alert:raised',
      at: iso(NOW),
      actor: { kind: 'device', id: 'kiosk-2' },
      reason: null,
      data: { alert: { kind: 'print_failed', by: { kind: 'device', id: 'kiosk-2' }, deviceName: '1樓取號機', ticketId: 't1', number: '1007', reason: 'printer_error' } },
    };
    expect(raisedAlertSentence(event, {})).toEqual({ key: 'floor.alert.print.printer_error', values: { who: '1樓取號機', number: '1007' } });
  });
});

describe('issuingSentence', () => {
  const tz = 'Asia/Taipei';
  const today = '2024-05-06';
  it('says open, or why not, with the time a session stop ends', () => {
    expect(issuingSentence({ open: true, reason: null }, null, null, tz, today)).toEqual({ key: 'floor.issuing.open', values: {} });
    expect(issuingSentence({ open: false, reason: 'outside_session' }, null, null, tz, today).key).toBe('floor.issuing.closed.outside_session');
    const session = issuingStop({ until: 'session_end', endsAt: '2024-05-06T04:00:00.000Z' }); // 12:00 in Taipei
    expect(issuingSentence({ open: false, reason: 'staff_shortage' }, session, null, tz, today)).toEqual({
      key: 'floor.issuing.stopped.line.until',
      values: { time: '12:00' },
      refs: { reason: 'floor.stopReason.staff_shortage' },
    });
    const office = issuingStop({ serviceId: null, reason: 'capacity_reached' });
    expect(issuingSentence({ open: false, reason: 'capacity_reached' }, session, office, tz, today)).toEqual({
      key: 'floor.issuing.stopped.office.resumed',
      values: {},
      refs: { reason: 'floor.stopReason.capacity_reached' },
    });
  });

  it('has a sentence in the catalog for every reason kiosks may give', () => {
    for (const reason of [...ISSUING_CLOSED_REASONS, ...REASONS.issuing_stop]) {
      const stop = issuingStop({ reason: REASONS.issuing_stop.includes(reason as never) ? (reason as (typeof REASONS.issuing_stop)[number]) : 'other' });
      expect(inCatalog(issuingSentence({ open: false, reason }, stop, null, tz, today)), reason).toBe(true);
    }
  });
});

describe('announcements', () => {
  const draft = (over: Partial<AnnouncementDraft> = {}): AnnouncementDraft => ({
    texts: { 'zh-TW': ' 午休時間暫停受理 ', en: ' Closed at lunch ', vi: '', id: '  ', th: '' },
    serviceIds: [],
    endsAt: '2024-05-06T13:30',
    ...over,
  });

  it('makes the payload: texts trimmed, empty languages left out, the end in the office’s zone, every line by default', () => {
    expect(announcementPayload(draft(), 'Asia/Taipei', NOW)).toEqual({
      ok: true,
      payload: { texts: { 'zh-TW': '午休時間暫停受理', en: 'Closed at lunch' }, endsAt: '2024-05-06T05:30:00.000Z' },
    });
    const some = announcementPayload(draft({ serviceIds: ['passport'] }), 'Asia/Taipei', NOW);
    expect(some.ok && some.payload.serviceIds).toEqual(['passport']);
  });

  it('needs the Chinese text and an end in the next seven days', () => {
    expect(announcementPayload(draft({ texts: { ...draft().texts, 'zh-TW': '  ' }, endsAt: '' }), 'Asia/Taipei', NOW)).toEqual({ ok: false, problems: ['text_required', 'ends_invalid'] });
    expect(announcementPayload(draft({ endsAt: '2024-05-06T09:59' }), 'Asia/Taipei', NOW)).toEqual({ ok: false, problems: ['ends_past'] });
    expect(announcementPayload(draft({ endsAt: '2024-05-14T10:00' }), 'Asia/Taipei', NOW)).toEqual({ ok: false, problems: ['ends_too_far'] });
  });

  it('ends by default with the session running now, or in an hour outside the sessions', () => {
    expect(defaultAnnouncementEnd(state(), NOW)).toBe('2024-05-06T17:00');
    expect(defaultAnnouncementEnd(state(), NOW + 8 * 60 * MIN)).toBe('2024-05-06T19:00');
  });

  it('shows those not yet ended, oldest first', () => {
    const s = state({ announcements: [announcement({ id: 'late', postedAt: ago(1) }), announcement({ id: 'early', postedAt: ago(30) }), announcement({ id: 'over', endsAt: ago(1) })] });
    expect(shownAnnouncements(s, NOW).map((a) => a.id)).toEqual(['early', 'late']);
  });
});

describe('emergency closure', () => {
  it('needs the Chinese reason; English is optional', () => {
    expect(closurePayload({ zh: '  ', en: 'Typhoon', waiting: 'serve' })).toEqual({ ok: false });
    expect(closurePayload({ zh: ' 颱風停班停課 ', en: ' ', waiting: 'close' })).toEqual({ ok: true, payload: { reason: { 'zh-TW': '颱風停班停課' }, waiting: 'close' } });
    expect(closurePayload({ zh: '颱風停班停課', en: 'Typhoon day', waiting: 'serve' })).toEqual({ ok: true, payload: { reason: { 'zh-TW': '颱風停班停課', en: 'Typhoon day' }, waiting: 'serve' } });
  });

  it('says what will happen to the people waiting and at the counters', () => {
    const s = state({ tickets: [waiting('a', 5), waiting('b', 2, 'passport'), atCounter('c', 'c1', 3)] });
    const close = closureConsequences(s, 'close');
    expect(close.map((x) => x.key)).toEqual(['floor.closure.effect.kiosks', 'floor.closure.effect.close', 'floor.closure.effect.atCounters', 'floor.closure.effect.displays']);
    expect(close[1]!.values).toEqual({ count: 2 });
    expect(closureConsequences(state(), 'serve').map((x) => x.key)).toEqual(['floor.closure.effect.kiosks', 'floor.closure.effect.serve', 'floor.closure.effect.displays']);
    expect(close.every(inCatalog)).toBe(true);
  });
});

describe('statsRows', () => {
  const figures = (issued: number) => ({ issued, served: issued - 1, noShows: 1, cancelled: 0, waiting: 0, waitMinutes: { mean: 7.5, p90: 14 }, handlingMinutes: { mean: 6 }, ratings: { count: 0, mean: null } });
  it('one row per line in the answer’s order, with its service, then the totals', () => {
    const stats: TodayStats = {
      businessDate: '2024-05-06',
      at: iso(NOW),
      services: [{ serviceId: 'passport', ...figures(3) }, { serviceId: 'gone', ...figures(1) }],
      totals: figures(4),
    };
    const rows = statsRows(stats, state());
    expect(rows.map((r) => [r.serviceId, r.service?.id ?? null, r.figures.issued])).toEqual([
      ['passport', 'passport', 3],
      ['gone', null, 1],
      [null, null, 4],
    ]);
  });
});

describe('the queue policy in sentences', () => {
  it('reads whole numbers within the limits only', () => {
    expect(policyValue('priorityMaxWaitMinutes', ' 15 ')).toBe(15);
    expect(policyValue('priorityMaxWaitMinutes', '601')).toBeNull();
    expect(policyValue('priorityEveryNth', '2.5')).toBeNull();
    expect(policyValue('priorityEveryNth', '-1')).toBeNull();
    expect(policyValue('priorityEveryNth', '')).toBeNull();
  });

  it('says what the threshold does, as call-next applies it', () => {
    expect(thresholdSentence(10)).toEqual({ key: 'floor.policy.threshold.sentence', values: { minutes: 10 } });
    expect(thresholdSentence(0)?.key).toBe('floor.policy.threshold.zero');
    expect(thresholdSentence(null)).toBeNull();
  });

  it('says what every-Nth does, with the ordinal for N above 1', () => {
    expect(everyNthSentence(3)).toEqual({ key: 'floor.policy.everyNth.sentence', values: { count: 3 }, ordinal: true });
    expect(everyNthSentence(1)?.key).toBe('floor.policy.everyNth.every');
    expect(everyNthSentence(0)?.key).toBe('floor.policy.everyNth.never');
    for (const n of [0, 1, 2, 3, 10, 21]) expect(inCatalog(everyNthSentence(n)), String(n)).toBe(true);
    for (const m of [0, 10]) expect(inCatalog(thresholdSentence(m))).toBe(true);
  });

  it('sends only what changed, and nothing while a field is wrong', () => {
    const draft = { priorityMaxWaitMinutes: '15', priorityEveryNth: String(DEFAULT_POLICY.priorityEveryNth) };
    expect(policyPatch(draft, DEFAULT_POLICY)).toEqual({ priorityMaxWaitMinutes: 15 });
    expect(policyPatch({ ...draft, priorityEveryNth: 'x' }, DEFAULT_POLICY)).toBeNull();
    expect(policyPatch({ priorityMaxWaitMinutes: '10', priorityEveryNth: '3' }, DEFAULT_POLICY)).toBeNull();
  });
});
