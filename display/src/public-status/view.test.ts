import { describe, expect, it } from 'vitest';
import { announcement, closure, issuingStop, office, snapshot } from '@jiaohao/shared/testing';
import { statusWith } from './testing';
import {
  announcementRows,
  calendarDateText,
  closureView,
  counterRows,
  dateTimeText,
  docTitle,
  estimateText,
  issuingReasonText,
  issuingText,
  lineRows,
  liveness,
  livenessLabel,
  livenessText,
  localized,
  openingView,
  staleNotice,
  statusLanguage,
  text,
  updatedAtText,
  joinSessions,
  waitingText,
  waitingUnit,
} from './view';

describe('text and languages', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(text('zh-TW', 'estimate.range', { min: 10, max: 20 })).toBe('約 10–20 分鐘');
    expect(text('en', 'estimate.range', { min: 10 })).toBe('about 10–{max} min');
  });

  it('takes English from ?lang=en only', () => {
    expect(statusLanguage('en')).toBe('en');
    for (const asked of [null, undefined, '', 'zh-TW', 'EN', '"><script>']) expect(statusLanguage(asked)).toBe('zh-TW');
  });

  it('falls back to Chinese, saying so in the tag', () => {
    expect(localized({ 'zh-TW': '護照', en: 'Passports' }, 'en')).toEqual({ text: 'Passports', lang: 'en' });
    expect(localized({ 'zh-TW': '護照', en: '  ' }, 'en')).toEqual({ text: '護照', lang: 'zh-Hant-TW' });
    expect(localized({ 'zh-TW': '護照' }, 'zh-TW')).toEqual({ text: '護照', lang: 'zh-Hant-TW' });
  });
});

describe('times, on the office clock', () => {
  it('formats an instant in the office zone, the same way everywhere', () => {
    expect(dateTimeText('2024-05-06T02:00:05.000Z', 'Asia/Taipei', 'zh-TW')).toBe('5月6日（星期一） 10:00:05');
    expect(dateTimeText('2024-05-06T02:00:05.000Z', 'Asia/Taipei', 'en')).toBe('Monday 6 May, 10:00:05');
    // Just after midnight in Taipei is still the day before in UTC.
    expect(dateTimeText('2024-05-05T16:30:00.000Z', 'Asia/Taipei', 'zh-TW', { seconds: false })).toBe('5月6日（星期一） 00:30');
    expect(calendarDateText('2027-01-01', 'en')).toBe('Friday 1 January');
  });

  it('says when the status was made', () => {
    expect(updatedAtText(statusWith(), 'zh-TW')).toBe('資料時間：5月6日（星期一） 10:00:00');
    expect(updatedAtText(statusWith(), 'en')).toBe('As of Monday 6 May, 10:00:00');
  });
});

describe('the lines', () => {
  it('estimate: a range, a short one, or none', () => {
    expect(estimateText({ min: 10, max: 20 }, 'zh-TW')).toBe('約 10–20 分鐘');
    expect(estimateText({ min: 10, max: 20 }, 'en')).toBe('about 10–20 min');
    expect(estimateText({ min: 0, max: 5 }, 'en')).toBe('under 5 min');
    expect(estimateText(null, 'zh-TW')).toBe('暫無法預估');
  });

  it('counts people in both languages', () => {
    expect(waitingUnit(1, 'en')).toBe('person');
    expect(waitingUnit(2, 'zh-TW')).toBe('人');
    expect(waitingText(1, 'en')).toBe('1 person');
    expect(waitingText(0, 'en')).toBe('0 people');
    expect(waitingText(3, 'zh-TW')).toBe('3 人');
  });

  it('says why no number is issued', () => {
    expect(issuingReasonText('capacity_reached', 'zh-TW')).toBe('今日號碼已發完');
    expect(issuingReasonText('outside_session', 'en')).toBe('outside opening hours');
    expect(issuingText({ open: false, reason: 'staff_shortage' }, 'zh-TW')).toBe('暫停取號：人力不足');
    expect(issuingText({ open: true, reason: null }, 'en')).toBe('Issuing numbers');
  });

  it('one row per line: waiting, now serving, the wait, issuing', () => {
    const rows = lineRows(statusWith({}, 3), 'zh-TW');
    expect(rows.map((r) => r.id)).toEqual(['household', 'passport']);
    expect(rows[0]).toMatchObject({
      name: { text: '戶籍登記', lang: 'zh-Hant-TW' },
      waiting: 3,
      waitingText: '3 人',
      nowServing: '1001',
      nowServingText: '1001',
      issuingOpen: true,
      issuingText: '開放取號',
      reasonText: null,
    });
    expect(rows[0]?.estimateText).toMatch(/^約 \d+–\d+ 分鐘$/);
    expect(rows[1]).toMatchObject({ waiting: 0, nowServingText: '尚未叫號', estimateText: '約 5 分鐘內' });
    const en = lineRows(statusWith({}, 1), 'en');
    expect(en[0]).toMatchObject({ name: { text: 'Household registration', lang: 'en' }, waitingText: '1 person' });
    expect(en[1]?.name).toEqual({ text: '護照', lang: 'zh-Hant-TW' });
  });

  it('a stopped line gives its reason', () => {
    const rows = lineRows(statusWith({ issuingStops: [issuingStop({ serviceId: 'passport', reason: 'capacity_reached' })] }), 'en');
    expect(rows[1]).toMatchObject({ issuingOpen: false, issuingText: "Not issuing: today's numbers are all taken", reasonText: "today's numbers are all taken" });
    expect(rows[0]?.issuingOpen).toBe(true);
  });

  it('no open counter: no estimate', () => {
    const s = statusWith({ counters: snapshot().counters.map((c) => ({ ...c, status: 'closed' as const })) });
    expect(lineRows(s, 'zh-TW')[0]?.estimateText).toBe('暫無法預估');
  });

  it('counters: their number, what they serve now, their state', () => {
    const rows = counterRows(statusWith({ counters: [...snapshot().counters.slice(0, 1), { ...snapshot().counters[1]!, status: 'paused' }] }), 'zh-TW');
    expect(rows).toMatchObject([
      { label: '1 號櫃台', nowServingText: '1001', statusText: '服務中', open: true },
      { label: '2 號櫃台', nowServingText: '—', statusText: '暫停服務', open: false },
    ]);
  });
});

describe('opening hours', () => {
  const week = office({
    sessions: [
      { weekday: 1, start: '08:00', end: '12:00', kind: 'regular', serviceIds: null },
      { weekday: 1, start: '13:30', end: '17:00', kind: 'regular', serviceIds: null },
      { weekday: 3, start: '17:00', end: '20:00', kind: 'evening', serviceIds: ['household'] },
    ],
  });

  it("open now: today's sessions and the week, Monday first", () => {
    const view = openingView(statusWith({ office: week }), 'zh-TW');
    expect(view).toMatchObject({ open: true, stateText: '現在受理中', nextText: null, todayText: '今天 5月6日（星期一）', todayNotice: null });
    expect(view.todaySessions).toEqual(['08:00–12:00', '13:30–17:00']);
    expect(view.week.map((d) => [d.day, d.hours])).toEqual([
      ['星期一', '08:00–12:00、13:30–17:00'],
      ['星期二', '不受理'],
      ['星期三', '17:00–20:00（限戶籍登記）'],
      ['星期四', '不受理'],
      ['星期五', '不受理'],
      ['星期六', '不受理'],
      ['星期日', '不受理'],
    ]);
  });

  it('sessions that follow on one another for the same lines read as one', () => {
    const all = null;
    expect(
      joinSessions([
        { start: '13:30', end: '17:30', serviceIds: all },
        { start: '08:00', end: '12:00', serviceIds: all },
        { start: '12:00', end: '13:30', serviceIds: all },
        { start: '17:30', end: '18:30', serviceIds: ['household'] },
        { start: '18:30', end: '20:00', serviceIds: ['household'] },
      ]),
    ).toEqual([
      { start: '08:00', end: '17:30', serviceIds: null },
      { start: '17:30', end: '20:00', serviceIds: ['household'] },
    ]);
    expect(joinSessions([{ start: '08:00', end: '12:00', serviceIds: all }, { start: '13:00', end: '17:00', serviceIds: all }])).toHaveLength(2);
  });

  it('closed now: when it opens next', () => {
    const evening = statusWith({ office: week, at: '2024-05-06T10:00:00.000Z' }); // 18:00 in Taipei
    const view = openingView(evening, 'en');
    expect(view.open).toBe(false);
    expect(view.stateText).toBe('Closed now');
    expect(view.nextText).toBe('Opens next: Wednesday 8 May, 17:00');
  });

  it('a holiday today, and the holidays and make-up days ahead', () => {
    const holidays = office({
      specialDays: [
        { date: '2024-05-06', kind: 'closed', name: { 'zh-TW': '補假', en: 'a day off' } },
        { date: '2024-05-11', kind: 'open', name: { 'zh-TW': '補班日' }, sessionsOf: 1 },
        { date: '2024-05-13', kind: 'closed', name: { 'zh-TW': '端午節', en: 'Dragon Boat Festival' } },
      ],
    });
    const zh = openingView(statusWith({ office: holidays }), 'zh-TW');
    expect(zh.open).toBe(false);
    expect(zh.todaySessions).toEqual(['今天不受理']);
    expect(zh.todayNotice?.text).toBe('今天是補假，不受理。');
    expect(zh.specialDays.map((d) => d.text)).toEqual(['5月11日（星期六） 補班日：補班，依星期一的時段受理', '5月13日（星期一） 端午節：不受理']);
    const en = openingView(statusWith({ office: holidays }), 'en');
    expect(en.todayNotice?.text).toBe('Today is a day off: closed.');
    expect(en.specialDays.map((d) => d.text)).toEqual([
      'Saturday 11 May, 補班日: make-up day, hours of a Monday',
      'Monday 13 May, Dragon Boat Festival: closed',
    ]);
  });
});

describe('announcements, the closure, the connection', () => {
  it('announcements in the language, with the lines they concern', () => {
    const s = statusWith({ announcements: [announcement(), announcement({ id: 'a2', texts: { 'zh-TW': '護照櫃台暫停' }, serviceIds: ['passport', 'household'] })] });
    expect(announcementRows(s, 'en')).toEqual([
      { id: 'a1', text: { text: 'System maintenance this afternoon', lang: 'en' }, services: null },
      { id: 'a2', text: { text: '護照櫃台暫停', lang: 'zh-Hant-TW' }, services: '護照, Household registration' },
    ]);
  });

  it('the emergency closure with its reason and time', () => {
    expect(closureView(statusWith(), 'zh-TW')).toBeNull();
    expect(closureView(statusWith({ closure: closure() }), 'zh-TW')).toEqual({
      reason: { text: '颱風停止上班', lang: 'zh-Hant-TW' },
      sinceText: '自 5月6日（星期一） 09:30 起停止服務。',
    });
  });

  it('liveness: nothing said on the server, then connecting, live, or lost with the time of the figures', () => {
    const s = statusWith();
    expect(liveness({ started: false, online: false, lost: false })).toBe('static');
    expect(liveness({ started: true, online: false, lost: false })).toBe('connecting');
    expect(liveness({ started: true, online: true, lost: false })).toBe('live');
    expect(liveness({ started: true, online: false, lost: true })).toBe('lost');
    expect(livenessText('static', s, 'zh-TW')).toBeNull();
    expect(livenessText('connecting', s, 'en')).toBe('Connecting…');
    expect(livenessText('live', s, 'en')).toBe('Live');
    expect(livenessText('lost', s, 'zh-TW')).toBe(staleNotice(s, 'zh-TW'));
    expect(livenessLabel('lost', 'zh-TW')).toBe('連線中斷');
    expect(livenessLabel('static', 'en')).toBeNull();
    expect(staleNotice(s, 'zh-TW')).toBe('與伺服器的連線中斷，以下是 5月6日（星期一） 10:00:00 的資料，可能不是最新的。正在重新連線…');
    expect(staleNotice(s, 'en')).toBe('Connection to the server lost: these figures are from Monday 6 May, 10:00:00 and may be out of date. Reconnecting…');
  });

  it('the document title names the office', () => {
    expect(docTitle(statusWith(), 'zh-TW')).toBe('即時候位人數 · 臺中市北區戶政事務所');
    expect(docTitle(null, 'en')).toBe('Live waiting count');
  });
});
