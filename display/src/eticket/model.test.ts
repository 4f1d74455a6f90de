import { describe, expect, it } from 'vitest';
import { eticketAnnouncement, eticketModel, named } from './model';
import { calledView, doneView, iso, NOW, ticketView } from './test-views';

describe('eticketModel', () => {
  it('a waiting ticket: the number, the line and office in its language, people ahead, the wait, how long so far', () => {
    const m = eticketModel(ticketView(), NOW);
    expect(m).toMatchObject({
      number: '1023',
      phase: 'waiting',
      status: { key: 'eticket.state.waiting' },
      service: { text: 'Đăng ký hộ tịch', lang: 'vi' },
      office: { text: 'Văn phòng Đăng ký Hộ khẩu Quận Bắc, Đài Trung', lang: 'vi' },
      ahead: { key: 'eticket.ahead.many', values: { n: 3 } },
      aheadCount: 3,
      wait: { key: 'eticket.wait.range', values: { min: 10, max: 15 } },
      waited: { key: 'eticket.waited', values: { min: 12 } },
      issued: { key: 'eticket.issuedAt', values: { time: '08:48' } },
      counter: null,
      call: null,
      final: null,
      canCancel: true,
      badge: null,
      docTitle: { key: 'eticket.doc.title', values: { number: '1023' } },
    });
  });

  it('says "you are next", "1 person", "under 5 min", or that the wait is unknown', () => {
    expect(eticketModel(ticketView({ ahead: 0, estimatedWait: { min: 0, max: 5 } }), NOW)).toMatchObject({
      ahead: { key: 'eticket.ahead.none' },
      wait: { key: 'eticket.wait.under', values: { max: 5 } },
    });
    expect(eticketModel(ticketView({ ahead: 1 }), NOW).ahead).toEqual({ key: 'eticket.ahead.one' });
    expect(eticketModel(ticketView({ estimatedWait: null }), NOW).wait).toEqual({ key: 'eticket.wait.unknown' });
  });

  it('shows a name the server has not in this language in Chinese, marked as Chinese', () => {
    const m = eticketModel(ticketView(), NOW, 'th');
    expect(m.service).toEqual({ text: '戶籍登記', lang: 'zh-Hant-TW' });
    expect(named({ 'zh-TW': '甲', en: '' }, 'en')).toEqual({ text: '甲', lang: 'zh-Hant-TW' });
    expect(eticketModel(ticketView(), NOW, 'en').service).toEqual({ text: 'Household registration', lang: 'en' });
  });

  it('marks a priority or appointment ticket', () => {
    expect(eticketModel(ticketView({ class: 'priority' }), NOW).badge).toEqual({ key: 'eticket.priority' });
    expect(eticketModel(ticketView({ class: 'appointment' }), NOW).badge).toEqual({ key: 'eticket.appointment' });
  });

  it('called: the counter to go to, a call to show, no cancel; a recall is a new call', () => {
    const m = eticketModel(calledView(), NOW);
    expect(m).toMatchObject({
      phase: 'called',
      counter: { number: 5, name: { text: '5號櫃臺', lang: 'zh-Hant-TW' } },
      call: { recall: false },
      ahead: null,
      wait: null,
      waited: null,
      canCancel: false,
      docTitle: { key: 'eticket.doc.called', values: { number: '1023', counter: 5 } },
    });
    const recalled = eticketModel(calledView(NOW, 1), NOW + 60_000);
    expect(recalled.call?.recall).toBe(true);
    expect(recalled.call?.key).not.toBe(m.call?.key);
    // The same call read again (a reconnect) is the same call.
    expect(eticketModel(calledView(), NOW + 90_000).call?.key).toBe(m.call?.key);
  });

  it('serving: the counter, no call screen; the end states say what became of it, never an error', () => {
    const serving = eticketModel(calledView(NOW, 0, { state: 'serving' }), NOW);
    expect(serving).toMatchObject({ phase: 'serving', counter: { number: 5 }, call: null, canCancel: false });
    for (const state of ['done', 'cancelled', 'no_show', 'expired'] as const) {
      const m = eticketModel(ticketView({ state, ahead: null, estimatedWait: null, endedAt: iso(NOW) }), NOW);
      expect(m).toMatchObject({
        phase: 'final',
        final: { state, title: { key: `eticket.state.${state}` }, text: { key: `eticket.final.${state}` } },
        ahead: null,
        wait: null,
        counter: null,
        canCancel: false,
      });
    }
  });

  it('shows the time the ticket was taken in the office’s time zone, whatever the phone’s', () => {
    const m = eticketModel(ticketView({ issuedAt: '2026-12-01T00:05:00.000Z' }), NOW);
    expect(m.issued.values).toEqual({ time: '08:05' });
  });

  it('offers the rating only for a finished ticket not rated yet; once rated, says the score', () => {
    expect(eticketModel(doneView(), NOW)).toMatchObject({ canRate: true, rating: null });
    expect(eticketModel(doneView({ rating: { score: 4, ratedAt: iso(NOW) } }), NOW)).toMatchObject({ canRate: false, rating: { score: 4 } });
    for (const state of ['waiting', 'called', 'serving', 'cancelled', 'no_show', 'expired'] as const) {
      expect(eticketModel(ticketView({ state }), NOW).canRate, state).toBe(false);
    }
  });
});

describe('eticketAnnouncement', () => {
  const at = (v: Parameters<typeof eticketModel>[0], now = NOW) => eticketModel(v, now);

  it('says nothing on the first view, or when only the time or the wait moved', () => {
    expect(eticketAnnouncement(null, at(ticketView()))).toBeNull();
    expect(eticketAnnouncement(at(ticketView()), at(ticketView({ estimatedWait: { min: 5, max: 10 } }), NOW + 60_000))).toBeNull();
  });

  it('says the new place in line, and "you are next" at the front', () => {
    expect(eticketAnnouncement(at(ticketView()), at(ticketView({ ahead: 2 })))).toEqual({
      urgent: false,
      phrase: { key: 'eticket.a11y.ahead', values: { n: 2 } },
    });
    expect(eticketAnnouncement(at(ticketView({ ahead: 1 })), at(ticketView({ ahead: 0 })))?.phrase).toEqual({ key: 'eticket.ahead.none' });
  });

  it('says the call urgently, and a recall again; then being served, and the end', () => {
    const waiting = at(ticketView({ ahead: 0 }));
    const called = at(calledView());
    expect(eticketAnnouncement(waiting, called)).toEqual({ urgent: true, phrase: { key: 'eticket.called.text', values: { number: '1023', counter: 5 } } });
    expect(eticketAnnouncement(called, at(calledView()))).toBeNull();
    expect(eticketAnnouncement(called, at(calledView(NOW, 1)))?.urgent).toBe(true);
    const serving = at(calledView(NOW, 0, { state: 'serving' }));
    expect(eticketAnnouncement(called, serving)?.phrase).toEqual({ key: 'eticket.serving.text', values: { counter: 5 } });
    const done = at(ticketView({ state: 'done', ahead: null, estimatedWait: null }));
    expect(eticketAnnouncement(serving, done)?.phrase).toEqual({ key: 'eticket.state.done' });
  });
});
