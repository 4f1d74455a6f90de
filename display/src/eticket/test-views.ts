// A resident's ticket view as the server sends it, for the page's tests: waiting third in line by
// default, with `over` on top. Test code only (no page imports it).
import type { ETicketView } from '@jiaohao/shared/schemas';

/** Tuesday 2026-12-01 09:00 in Taipei, as the server's tests use. */
export const NOW = Date.parse('2026-12-01T01:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export function ticketView(over: Partial<ETicketView> = {}): ETicketView {
  return {
    ticketId: 'ticket-1',
    number: '1023',
    state: 'waiting',
    class: 'normal',
    language: 'vi',
    issuedAt: iso(NOW - 12 * 60_000),
    calledAt: null,
    recallCount: 0,
    endedAt: null,
    service: { id: 'household', names: { 'zh-TW': '戶籍登記', en: 'Household registration', vi: 'Đăng ký hộ tịch' } },
    counter: null,
    ahead: 3,
    estimatedWait: { min: 10, max: 15 },
    office: { id: 'taichung-north', names: { 'zh-TW': '臺中市北區戶政事務所', vi: 'Văn phòng Đăng ký Hộ khẩu Quận Bắc, Đài Trung' }, timeZone: 'Asia/Taipei' },
    rating: null,
    updatedAt: iso(NOW),
    seq: 10,
    ...over,
  };
}

/** The same ticket finished at counter 5 a minute ago, not rated (the rating is offered). */
export function doneView(over: Partial<ETicketView> = {}): ETicketView {
  return ticketView({ state: 'done', calledAt: iso(NOW - 5 * 60_000), ahead: null, estimatedWait: null, endedAt: iso(NOW - 60_000), seq: 30, ...over });
}

/** The same ticket called to counter 5 at `at`, after `recalls` recalls. */
export function calledView(at = NOW, recalls = 0, over: Partial<ETicketView> = {}): ETicketView {
  return ticketView({
    state: 'called',
    calledAt: iso(at),
    recallCount: recalls,
    ahead: null,
    estimatedWait: null,
    counter: { id: 'counter-5', number: 5, names: { 'zh-TW': '5號櫃臺', en: 'Counter 5' } },
    seq: 20 + recalls,
    ...over,
  });
}
