import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import type { Ticket } from './domain.schemas';
import { DomainError } from './errors';
import { buildReport, reportDates, type ReportAct, type ReportInput, type ReportTicket } from './report-figures';
import { reportCsv, reportRows } from './report-table';
import { MAX_REPORT_RANGE_DAYS, Report } from './reports.schemas';
import { ticket } from './testing/builders';

/** 2024-05-06 (a Monday) at HH:MM in Taipei. */
const at = (hhmm: string) => new Date(`2024-05-06T${hhmm}:00+08:00`).toISOString();

function t(id: string, serviceId: string, issued: string, over: Partial<Ticket> = {}): ReportTicket {
  return ticket({ id, serviceId, issuedAt: at(issued), queuedAt: at(issued), ...over });
}
const done = (id: string, serviceId: string, issued: string, called: string, started: string, ended: string, over: Partial<Ticket> = {}) =>
  t(id, serviceId, issued, { state: 'done', calledAt: at(called), startedAt: at(started), endedAt: at(ended), ...over });
const act = (ticketId: string, kind: ReportAct['kind'], counterId: string | null, staffId: string | null): ReportAct => ({ ticketId, kind, counterId, staffId });

/**
 * The fixture day. household: target wait 20, handling limit 10; passport: 15 and 5 (taken out of
 * use since, so listed after the lines in use); seal: in use, no tickets. s1 王小明, s2 李大華.
 *
 *   T1 household 09:00, called 09:10 at c1 by s1 (wait 10), 09:11–09:19 (handling 8), rated 5
 *   T2 household 09:05, called 09:30 at c2 by s2 (wait 25), 09:31–09:43 (handling 12), rated 3
 *   T3 household 09:20, called 09:40 at c1 by s1 (wait 20: exactly the target), missed by s1
 *   T4 passport  10:00, cancelled by s2 (no counter)
 *   T5 household 10:10, called 10:15 at c2 by s2, started, transferred by s2 to passport;
 *      called 10:30 at c1 by s1 (wait 20 from issue, over passport's 15), 10:31–10:34 (3), rated 4
 *   T6 passport  10:40, still waiting
 *   T7 household 13:00, called 13:02 at c1 by s2 (wait 2), 13:02–13:32 (handling 30)
 */
const FIXTURE: ReportInput = {
  office: { id: 'o', name: '測試戶政事務所', timeZone: 'Asia/Taipei' },
  from: '2024-05-06',
  to: '2024-05-07',
  generatedAt: '2024-05-08T01:00:00.000Z',
  services: [
    { id: 'household', names: { 'zh-TW': '戶籍登記', en: 'Registration' }, targetWaitMinutes: 20, targetHandlingMinutes: 10, active: true },
    { id: 'passport', names: { 'zh-TW': '護照' }, targetWaitMinutes: 15, targetHandlingMinutes: 5, active: false },
    { id: 'seal', names: { 'zh-TW': '印鑑' }, targetWaitMinutes: 10, targetHandlingMinutes: 5, active: true },
    { id: 'old', names: { 'zh-TW': '舊業務' }, targetWaitMinutes: 10, targetHandlingMinutes: 5, active: false },
  ],
  counters: [
    { id: 'c2', number: 2, names: { 'zh-TW': '2號櫃台' } },
    { id: 'c1', number: 1, names: { 'zh-TW': '1號櫃台' } },
  ],
  staff: [
    { id: 's2', displayName: '李大華' },
    { id: 's1', displayName: '王小明' },
  ],
  tickets: [
    done('T1', 'household', '09:00', '09:10', '09:11', '09:19', { counterId: 'c1' }),
    done('T2', 'household', '09:05', '09:30', '09:31', '09:43', { counterId: 'c2' }),
    t('T3', 'household', '09:20', { state: 'no_show', calledAt: at('09:40'), endedAt: at('09:45') }),
    t('T4', 'passport', '10:00', { state: 'cancelled', endedAt: at('10:05') }),
    done('T5', 'passport', '10:10', '10:30', '10:31', '10:34', {
      counterId: 'c1',
      transfers: [{ at: at('10:20'), fromServiceId: 'household', fromCounterId: 'c2', toServiceId: 'passport', toCounterId: null }],
    }),
    t('T6', 'passport', '10:40'),
    done('T7', 'household', '13:00', '13:02', '13:02', '13:32', { counterId: 'c1' }),
  ],
  acts: [
    act('T1', 'called', 'c1', 's1'),
    act('T1', 'finished', 'c1', 's1'),
    act('T2', 'called', 'c2', 's2'),
    act('T3', 'called', 'c1', 's1'),
    act('T2', 'finished', 'c2', 's2'),
    act('T3', 'missed', 'c1', 's1'),
    act('T4', 'cancelled', null, 's2'),
    act('T5', 'called', 'c2', 's2'),
    act('T5', 'transferred', 'c2', 's2'),
    act('T5', 'called', 'c1', 's1'),
    act('T5', 'finished', 'c1', 's1'),
    act('T7', 'called', 'c1', 's2'),
    act('T7', 'finished', 'c1', 's2'),
    // Moves of a ticket outside the range are not counted.
    act('elsewhere', 'called', 'c2', 's2'),
  ],
  ratings: [
    { ticketId: 'T1', serviceId: 'household', score: 5 },
    { ticketId: 'T2', serviceId: 'household', score: 3 },
    { ticketId: 'T5', serviceId: 'passport', score: 4 },
    { ticketId: 'elsewhere', serviceId: 'household', score: 1 },
  ],
};

const NO_BOOKINGS = { kept: 0, missed: 0 };
const EMPTY = {
  issued: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  transferred: 0,
  waitMinutes: { mean: null, median: null, p90: null },
  handlingMinutes: { mean: null, median: null, p90: null },
  withinTargetWait: null,
  withinHandlingLimit: null,
  bookings: NO_BOOKINGS,
  ratings: { count: 0, mean: null },
};

describe('buildReport on a hand-computed day', () => {
  const report = buildReport(FIXTURE);

  it('is a valid Report', () => {
    expect(Value.Errors(Report, report).First()).toBeUndefined();
    expect(report).toMatchObject({ from: '2024-05-06', to: '2024-05-07', generatedAt: '2024-05-08T01:00:00.000Z', office: { name: '測試戶政事務所' } });
  });

  it('totals', () => {
    expect(report.totals).toEqual({
      issued: 7,
      served: 4, // T1 T2 T5 T7
      noShows: 1,
      cancelled: 1,
      transferred: 1,
      // Waits of the called: T1 10, T2 25, T3 20, T5 20, T7 2 → sorted 2 10 20 20 25; mean 77/5 = 15.4;
      // median rank ⌈0.5·5⌉ = 3 → 20; p90 rank ⌈0.9·5⌉ = 5 → 25.
      waitMinutes: { mean: 15.4, median: 20, p90: 25 },
      // Handling: T1 8, T2 12, T5 3, T7 30 → sorted 3 8 12 30; mean 53/4 = 13.25 → 13.3; median rank 2 → 8; p90 rank 4 → 30.
      handlingMinutes: { mean: 13.3, median: 8, p90: 30 },
      // Within the line's target: T1 (10 ≤ 20), T3 (20 ≤ 20), T7 (2 ≤ 20); not T2 (25 > 20) nor T5 (20 > passport's 15): 3/5.
      withinTargetWait: 0.6,
      // Within the limit: T1 (8 ≤ 10), T5 (3 ≤ 5); not T2 (12 > 10), T7 (30 > 10): 2/4.
      withinHandlingLimit: 0.5,
      bookings: NO_BOOKINGS,
      // 5, 3, 4 (the rating of a ticket outside the range is not counted): mean 4.
      ratings: { count: 3, mean: 4 },
    });
  });

  it('per line: lines in use in order, then one no longer in use that holds tickets; a line out of use with none is left out', () => {
    expect(report.services.map((s) => s.serviceId)).toEqual(['household', 'seal', 'passport']);
    expect(report.services[0]).toEqual({
      serviceId: 'household',
      name: '戶籍登記',
      nameEn: 'Registration',
      // Numbers it gave: T1 T2 T3 T5 T7 (T5 transferred away still counts here).
      issued: 5,
      served: 3, // T1 T2 T7
      noShows: 1,
      cancelled: 0,
      transferred: 1, // T5
      // T1 10, T2 25, T3 20, T7 2 (T5 is measured in passport, where it was called last) → sorted 2 10 20 25;
      // mean 57/4 = 14.25 → 14.3; median rank 2 → 10; p90 rank ⌈3.6⌉ = 4 → 25; within 20: 10, 20, 2 → 3/4.
      waitMinutes: { mean: 14.3, median: 10, p90: 25 },
      withinTargetWait: 0.75,
      // 8, 12, 30: mean 50/3 = 16.67 → 16.7; median rank 2 → 12; p90 rank ⌈2.7⌉ = 3 → 30; within 10: only 8 → 1/3.
      handlingMinutes: { mean: 16.7, median: 12, p90: 30 },
      withinHandlingLimit: 0.333,
      bookings: NO_BOOKINGS,
      ratings: { count: 2, mean: 4 }, // (5 + 3) / 2
    });
    expect(report.services[1]).toEqual({ serviceId: 'seal', name: '印鑑', nameEn: '', ...EMPTY });
    expect(report.services[2]).toEqual({
      serviceId: 'passport',
      name: '護照',
      nameEn: '',
      issued: 2, // T4 T6
      served: 1, // T5
      noShows: 0,
      cancelled: 1, // T4
      transferred: 0,
      waitMinutes: { mean: 20, median: 20, p90: 20 }, // T5 only
      withinTargetWait: 0, // 20 > 15
      handlingMinutes: { mean: 3, median: 3, p90: 3 },
      withinHandlingLimit: 1, // 3 ≤ 5
      bookings: NO_BOOKINGS,
      ratings: { count: 1, mean: 4 },
    });
  });

  it('per counter, by number: what was called, finished, missed and sent away there', () => {
    expect(report.counters.map((c) => [c.counterId, c.number, c.name])).toEqual([
      ['c1', 1, '1號櫃台'],
      ['c2', 2, '2號櫃台'],
    ]);
    expect(report.counters[0]).toMatchObject({
      issued: 4, // called there: T1 T3 T5 T7
      served: 3, // T1 T5 T7
      noShows: 1, // T3
      cancelled: 0,
      transferred: 0,
      // Last called here: T1 10, T3 20, T5 20, T7 2 → sorted 2 10 20 20; mean 52/4 = 13; median rank 2 → 10; p90 rank 4 → 20.
      waitMinutes: { mean: 13, median: 10, p90: 20 },
      withinTargetWait: 0.75, // T1 T3 T7 within, T5 not (20 > 15)
      // 8, 3, 30 → sorted 3 8 30; mean 41/3 = 13.67 → 13.7; median 8; p90 30; within: 8 ≤ 10, 3 ≤ 5 → 2/3.
      handlingMinutes: { mean: 13.7, median: 8, p90: 30 },
      withinHandlingLimit: 0.667,
      ratings: { count: 2, mean: 4.5 }, // T1 5, T5 4
    });
    expect(report.counters[1]).toMatchObject({
      issued: 2, // T2, T5 (its first call)
      served: 1,
      noShows: 0,
      transferred: 1, // T5 sent on from here
      waitMinutes: { mean: 25, median: 25, p90: 25 }, // T2 only: T5 was called last at c1
      withinTargetWait: 0,
      handlingMinutes: { mean: 12, median: 12, p90: 12 },
      withinHandlingLimit: 0,
      ratings: { count: 1, mean: 3 },
    });
  });

  it('per clerk, by name (王 has fewer strokes than 李): what each called, finished, missed, sent on and cancelled, wherever they sat', () => {
    expect(report.clerks.map((c) => [c.staffId, c.name])).toEqual([
      ['s1', '王小明'],
      ['s2', '李大華'],
    ]);
    expect(report.clerks[0]).toMatchObject({
      issued: 3, // T1 T3 T5
      served: 2, // T1 T5
      noShows: 1,
      cancelled: 0,
      transferred: 0,
      // 10, 20, 20: mean 16.67 → 16.7; median rank 2 → 20; p90 rank 3 → 20; within: T1, T3 (T5 over 15) → 2/3.
      waitMinutes: { mean: 16.7, median: 20, p90: 20 },
      withinTargetWait: 0.667,
      // 8, 3: mean 5.5; median rank 1 → 3; p90 rank 2 → 8; both within.
      handlingMinutes: { mean: 5.5, median: 3, p90: 8 },
      withinHandlingLimit: 1,
      ratings: { count: 2, mean: 4.5 },
    });
    expect(report.clerks[1]).toMatchObject({
      issued: 3, // T2, T5 (at c2), T7 (at c1)
      served: 2, // T2 T7
      noShows: 0,
      cancelled: 1, // T4
      transferred: 1, // T5
      // T2 25, T7 2: mean 13.5; median rank 1 → 2; p90 rank 2 → 25; within: T7 → 1/2.
      waitMinutes: { mean: 13.5, median: 2, p90: 25 },
      withinTargetWait: 0.5,
      // 12, 30: mean 21; median 12; p90 30; neither within 10.
      handlingMinutes: { mean: 21, median: 12, p90: 30 },
      withinHandlingLimit: 0,
      ratings: { count: 1, mean: 3 },
    });
  });

  it('per day, every date of the range (an empty one all zeros), and per hour in Taipei time', () => {
    expect(report.days).toEqual([
      { businessDate: '2024-05-06', ...report.totals },
      { businessDate: '2024-05-07', ...EMPTY },
    ]);
    expect(report.hourly).toHaveLength(24);
    // Issued: 09:00 09:05 09:20 | 10:00 10:10 10:40 | 13:00; finished: 09:19 09:43 | 10:34 | 13:32.
    expect(report.hourly.filter((h) => h.issued + h.served > 0)).toEqual([
      { hour: 9, issued: 3, served: 2 },
      { hour: 10, issued: 3, served: 1 },
      { hour: 13, issued: 1, served: 1 },
    ]);
  });

  it('a line unknown to the office holding tickets comes last, by id, with no target to measure against', () => {
    const r = buildReport({ ...FIXTURE, tickets: [...FIXTURE.tickets, t('X1', 'gone', '11:00', { state: 'no_show', calledAt: at('11:05') })] });
    expect(r.services.map((s) => s.serviceId)).toEqual(['household', 'seal', 'passport', 'gone']);
    expect(r.services[3]).toMatchObject({ name: 'gone', issued: 1, noShows: 1, waitMinutes: { mean: 5 }, withinTargetWait: null });
    // It counts in the total (no-shows T3 and X1), its wait too, but not in the share within target (still 3 of the 5 with a target).
    expect(r.totals).toMatchObject({ issued: 8, noShows: 2, waitMinutes: { mean: 13.7 }, withinTargetWait: 0.6 });
  });
});

describe('buildReport with bookings', () => {
  it('counts a booking checked in as kept, one missed or checked in too late as missed, per line and day; cancelled and booked ones not at all', () => {
    const r = buildReport({
      ...FIXTURE,
      bookings: [
        { date: '2024-05-06', serviceId: 'household', state: 'checked_in' },
        { date: '2024-05-06', serviceId: 'household', state: 'checked_in' },
        { date: '2024-05-06', serviceId: 'household', state: 'late' },
        { date: '2024-05-06', serviceId: 'seal', state: 'missed' },
        { date: '2024-05-06', serviceId: 'seal', state: 'cancelled' },
        { date: '2024-05-07', serviceId: 'household', state: 'missed' },
        { date: '2024-05-07', serviceId: 'household', state: 'booked' },
      ],
    });
    expect(Value.Check(Report, r)).toBe(true);
    expect(r.totals.bookings).toEqual({ kept: 2, missed: 3 });
    expect(r.services.map((s) => [s.serviceId, s.bookings])).toEqual([
      ['household', { kept: 2, missed: 2 }],
      ['seal', { kept: 0, missed: 1 }],
      ['passport', { kept: 0, missed: 0 }],
    ]);
    expect(r.days.map((d) => [d.businessDate, d.bookings])).toEqual([
      ['2024-05-06', { kept: 2, missed: 2 }],
      ['2024-05-07', { kept: 0, missed: 1 }],
    ]);
    // No counter or clerk had a booking yet: theirs stay 0.
    for (const g of [...r.counters, ...r.clerks]) expect(g.bookings).toEqual({ kept: 0, missed: 0 });
    // Without bookings, every group says 0.
    expect(buildReport(FIXTURE).totals.bookings).toEqual({ kept: 0, missed: 0 });
  });
});

describe('buildReport with a counter not in the list', () => {
  it('leaves it out of the counters (it has no number to show); its ticket still counts for the line and the clerk', () => {
    const r = buildReport({
      ...FIXTURE,
      tickets: [...FIXTURE.tickets, t('X2', 'seal', '11:00', { state: 'no_show', calledAt: at('11:04') })],
      acts: [...FIXTURE.acts, act('X2', 'called', 'c9', 's1'), act('X2', 'missed', 'c9', 's1')],
    });
    expect(r.counters.map((c) => c.counterId)).toEqual(['c1', 'c2']);
    expect(r.services[1]).toMatchObject({ serviceId: 'seal', issued: 1, noShows: 1 });
    expect(r.clerks[0]).toMatchObject({ staffId: 's1', issued: 4, noShows: 2 });
    expect(Value.Errors(Report, r).First()).toBeUndefined();
  });
});

describe('reportRows and reportCsv', () => {
  const report = buildReport(FIXTURE);

  it('a row per group, sections in order, the hours with their counts only', () => {
    const rows = reportRows(report);
    expect(rows.map((r) => `${r.section}:${r.id}`).slice(0, 10)).toEqual([
      'total:total',
      'service:household',
      'service:seal',
      'service:passport',
      'counter:c1',
      'counter:c2',
      'clerk:s1',
      'clerk:s2',
      'day:2024-05-06',
      'day:2024-05-07',
    ]);
    expect(rows).toHaveLength(10 + 24);
    expect(rows[1]?.figures).toMatchObject({ issued: 5, wait_median_min: 10, within_target_wait: 0.75, ratings_mean: 4, bookings_kept: 0 });
    const nine = rows.find((r) => r.section === 'hour' && r.id === '09');
    expect(nine?.name).toBe('09:00–10:00');
    expect(nine?.figures).toMatchObject({ issued: 3, served: 2, no_shows: null, wait_mean_min: null });
  });

  it('CSV: a byte-order mark, the header, CRLF, quoted and defused text, empty for null', () => {
    const csv = reportCsv(buildReport({ ...FIXTURE, staff: [{ id: 's1', displayName: '=王, "小明"' }, FIXTURE.staff[0]!] }));
    expect(csv.startsWith('\uFEFFsection,id,name,issued,served,no_shows,cancelled,transferred,wait_mean_min,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 34 + 1);
    expect(lines[1]).toBe('total,total,合計,7,4,1,1,1,15.4,20,25,13.3,8,30,0.6,0.5,0,0,3,4');
    expect(lines).toContain('service,seal,印鑑,0,0,0,0,0,,,,,,,,,0,0,0,');
    // A name that a spreadsheet would run as a formula is kept text; its comma and quotes are quoted.
    expect(lines.find((l) => l.startsWith('clerk,s1,'))).toBe('clerk,s1,"\'=王, ""小明""",3,2,1,0,0,16.7,20,20,5.5,3,8,0.667,1,0,0,2,4.5');
    expect(lines).toContain('hour,09,09:00–10:00,3,2,,,,,,,,,,,,,,,');
  });
});

describe('reportDates', () => {
  const refusal = (from: string, to: string) => {
    try {
      reportDates({ from, to });
    } catch (e) {
      return e instanceof DomainError ? [e.code, e.details] : e;
    }
    return 'accepted';
  };

  it('every date from `from` to `to`; one day is a range', () => {
    expect(reportDates({ from: '2024-02-28', to: '2024-03-01' })).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(reportDates({ from: '2024-05-06', to: '2024-05-06' })).toEqual(['2024-05-06']);
    expect(reportDates({ from: '2024-01-01', to: '2024-12-31' })).toHaveLength(MAX_REPORT_RANGE_DAYS);
  });

  it('refuses a date that does not exist, a range the wrong way round and one too long', () => {
    expect(refusal('2026-02-29', '2026-03-01')).toEqual(['validation_failed', [{ path: '/from', message: expect.stringContaining('real date') }]]);
    expect(refusal('2026-03-01', '2026-13-01')).toEqual(['validation_failed', [{ path: '/to', message: expect.stringContaining('real date') }]]);
    expect(refusal('2026-03-02', '2026-03-01')).toEqual(['validation_failed', [{ path: '/to', message: 'must not be before from' }]]);
    expect(refusal('2025-01-01', '2026-01-02')).toEqual(['validation_failed', [{ path: '/from', message: 'at most 366 days before to' }]]);
    expect(refusal('2025-01-01', '2026-01-01')).toBe('accepted');
  });
});
