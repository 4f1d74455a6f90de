// The supervisor's floor as a supervisor uses it, against a fake server (socket and REST faked; the
// reducer, the store and every component real). The clock stands at NOW (Monday 10:00 in Taipei).
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Snapshot, TodayStats } from '@jiaohao/shared/schemas';
import { NOW, ago, announcement, counter, iso, issuingStop, service, snapshot, ticket } from '@jiaohao/shared/testing';
import { App } from '../App';
import { ApiError } from '../connection/api';
import { createI18n } from '../i18n/i18n';
import { FakeSocket } from '@jiaohao/web/testing';
import { floorApi, serverEvent, supervisor } from '../testing/supervisor-fakes';

let socket: FakeSocket;

beforeEach(() => {
  localStorage.clear();
  location.hash = '#/floor';
  vi.setSystemTime(NOW);
  socket = new FakeSocket();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
  location.hash = '';
});

const figures = (issued: number, mean: number | null, p90: number | null, ratings: { count: number; mean: number | null } = { count: 0, mean: null }) => ({
  issued,
  served: Math.max(0, issued - 2),
  noShows: 1,
  cancelled: 0,
  waiting: 1,
  waitMinutes: { mean, p90 },
  handlingMinutes: { mean: 6 },
  ratings,
});
const stats: TodayStats = {
  businessDate: '2024-05-06',
  at: iso(NOW),
  services: [{ serviceId: 'reg', ...figures(30, 8.5, 17, { count: 12, mean: 4.3 }) }, { serviceId: 'pass', ...figures(4, null, null) }],
  totals: figures(34, 8.5, 17, { count: 12, mean: 4.3 }),
};
const names = [
  { id: 'mei', displayName: '林美' },
  { id: 'wang', displayName: '王大明' },
];

/** Registration (target wait 15, handling 10) at counters 1 and 2; passports (handling 20) at counter 3. */
const office = (over: Partial<Snapshot> = {}) =>
  snapshot({
    seq: 10,
    services: [
      service({ id: 'reg', names: { 'zh-TW': '戶籍登記', en: 'Registration' }, targetWaitMinutes: 15, targetHandlingMinutes: 10, sortOrder: 1 }),
      service({ id: 'pass', code: 'B', names: { 'zh-TW': '護照', en: 'Passports' }, targetWaitMinutes: 20, targetHandlingMinutes: 20, sortOrder: 2 }),
    ],
    counters: [
      counter({ id: 'c1', number: 1, names: { 'zh-TW': '1號櫃臺', en: 'Counter 1' }, serviceIds: ['reg'], staffId: 'mei' }),
      counter({ id: 'c2', number: 2, names: { 'zh-TW': '2號櫃臺', en: 'Counter 2' }, serviceIds: ['reg'], status: 'paused', pauseReason: 'meal', staffId: 'wang' }),
      counter({ id: 'c3', number: 3, names: { 'zh-TW': '3號櫃臺', en: 'Counter 3' }, serviceIds: ['pass'], status: 'closed', staffId: null }),
    ],
    tickets: [
      ticket({ id: 't1', number: '1001', serviceId: 'reg', state: 'serving', counterId: 'c1', issuedAt: ago(30), queuedAt: ago(30), calledAt: ago(12), startedAt: ago(11) }),
      ticket({ id: 't2', number: '1002', serviceId: 'reg', queuedAt: ago(18) }),
      ticket({ id: 't3', number: '1003', serviceId: 'reg', queuedAt: ago(4) }),
      ticket({ id: 't4', number: '2001', serviceId: 'pass', queuedAt: ago(2) }),
    ],
    ...over,
  });

/** The server's wait model for the next ticket of each line (GET /estimates). */
const estimates = { reg: { normal: { min: 15, max: 25 }, priority: { min: 0, max: 10 } }, pass: { normal: null, priority: null } };

async function start(over: Partial<Snapshot> = {}, routes: Record<string, unknown> = { '/staff/names': names, '/stats/today': stats, '/estimates': estimates }) {
  const api = floorApi(supervisor, routes);
  render(<App i18n={createI18n('zh-TW')} api={api} transport={() => socket} />);
  await screen.findByText('陳主任（主管）');
  act(() => {
    socket.serverSends('connect');
    socket.serverSends('snapshot', office(over));
  });
  await screen.findByRole('heading', { name: '櫃台' });
  return api;
}

const region = (name: string | RegExp) => screen.getByRole('region', { name });
/** Said in a live alert region (the regions are always there, empty until something fails). */
const inAlert = (el: HTMLElement) => el.closest('[role="alert"]') !== null;
const sent = (event: string) => socket.sent.filter((m) => m.event === event).map((m) => m.payload);
/** Answers one command with ok and `data`, sending `events` first as the server would. */
function serverAnswers(command: string, data: unknown, ...events: unknown[]) {
  socket.answer = (event) => {
    if (event !== command) return undefined;
    for (const e of events) {
      const ev = e as { type: string };
      socket.serverSends(ev.type, e);
    }
    return { ok: true, data };
  };
}

describe('the floor at a glance', () => {
  it('shows every counter with its status in words, its clerk, its ticket and for how long', async () => {
    await start();
    const table = within(region('櫃台')).getByRole('table', { name: '各櫃台現況（3 個）' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['櫃台', '狀態', '櫃台人員', '目前號碼', '在櫃台已', '操作']);
    const row1 = within(table).getByRole('row', { name: /1號櫃臺/ });
    expect(within(row1).getByRole('rowheader').textContent).toBe('1號櫃臺');
    expect(row1.textContent).toContain('開放中');
    expect(await within(row1).findByText('林美')).toBeTruthy();
    expect(row1.textContent).toContain('1001');
    expect(row1.textContent).toContain('服務中');
    expect(row1.textContent).toContain('12 分鐘');
    expect(row1.textContent).toContain('超過處理時限 10 分鐘');
    const row2 = within(table).getByRole('row', { name: /2號櫃臺/ });
    expect(row2.textContent).toContain('暫停中：用餐');
    expect(row2.textContent).toContain('王大明');
    const row3 = within(table).getByRole('row', { name: /3號櫃臺/ });
    expect(row3.textContent).toContain('已關閉');
    expect(row3.textContent).toContain('無人');
    expect(within(row3).queryByRole('button')).toBeNull();
  });

  it('shows every line with its waiting, longest wait against the target, estimate and issuing', async () => {
    await start();
    const table = within(region('各業務等候')).getByRole('table', { name: /各業務的等候情形/ });
    const reg = within(table).getByRole('row', { name: /戶籍登記/ });
    expect(reg.textContent).toContain('2 人');
    expect(reg.textContent).toContain('18 分鐘');
    expect(reg.textContent).toContain('目標 15 分鐘');
    expect(reg.textContent).toContain('超過目標');
    // The server's range, once read.
    await waitFor(() => expect(reg.textContent).toContain('15–25 分鐘'));
    expect(reg.textContent).toContain('取號中');
    const pass = within(table).getByRole('row', { name: /護照/ });
    expect(pass.textContent).toContain('無法預估（沒有開放的櫃台）');
  });

  it('says why a line has no estimate: no open counter, or more work than the open counters can do today', async () => {
    await start({}, { '/staff/names': names, '/stats/today': stats, '/estimates': { ...estimates, reg: { normal: null, priority: null } } });
    const table = within(region('各業務等候')).getByRole('table', { name: /各業務的等候情形/ });
    await waitFor(() => expect(within(table).getByRole('row', { name: /戶籍登記/ }).textContent).toContain('無法預估（開放的櫃台今天消化不完）'));
    expect(within(table).getByRole('row', { name: /護照/ }).textContent).toContain('無法預估（沒有開放的櫃台）');
  });

  it('lists what needs attention, and keeps it live from the events', async () => {
    await start();
    const alerts = region(/需要注意/);
    expect(within(alerts).getByRole('heading').textContent).toBe('需要注意（3）');
    const items = within(alerts).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      '⚠ 護照：有 1 人等候，但沒有開放中的櫃台服務這項業務。',
      '⚠ 戶籍登記：最久已等 18 分鐘，超過目標等候時間 15 分鐘（等候 2 人）。',
      '⚠ 1號櫃臺：1001 號（戶籍登記）已在櫃台 12 分鐘，超過處理時限 10 分鐘。',
    ]);
    // The clerk finishes 1001: its alert goes, with no request from the view.
    const done = ticket({ id: 't1', number: '1001', serviceId: 'reg', state: 'done', counterId: 'c1', calledAt: ago(12), startedAt: ago(11), endedAt: iso(NOW) });
    act(() => socket.serverSends('ticket:finished', serverEvent(11, 'ticket:finished', { ticket: done }, iso(NOW))));
    expect(within(alerts).getByRole('heading').textContent).toBe('需要注意（2）');
    expect(within(region('櫃台')).getByRole('row', { name: /1號櫃臺/ }).textContent).toContain('無');
  });
});

describe('freeing a counter', () => {
  it('asks first, saying what happens to the ticket, then sends counter:release and says it is done', async () => {
    const user = userEvent.setup();
    await start();
    await user.click(screen.getByRole('button', { name: '釋放櫃台：1號櫃臺' }));
    const dialog = screen.getByRole('dialog', { name: '釋放1號櫃臺？' });
    expect(dialog.textContent).toContain('1001 號會回到原本的排隊位置');
    expect(dialog.textContent).toContain('林美將不再使用這個櫃台');
    const released = counter({ id: 'c1', number: 1, names: { 'zh-TW': '1號櫃臺' }, serviceIds: ['reg'], status: 'closed', staffId: null });
    serverAnswers('counter:release', { counter: released }, serverEvent(11, 'counter:closed', { counter: released }, iso(NOW)));
    await user.click(within(dialog).getByRole('button', { name: '釋放櫃台' }));
    expect(sent('counter:release')).toEqual([{ counterId: 'c1' }]);
    expect(await within(region('櫃台')).findByText('1號櫃臺已釋放並關閉。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '釋放櫃台：1號櫃臺' })).toBeNull();
  });

  it('a refusal is said in words', async () => {
    const user = userEvent.setup();
    await start();
    socket.answer = (event) => (event === 'counter:release' ? { ok: false, error: { code: 'forbidden', message: 'no' } } : undefined);
    await user.click(screen.getByRole('button', { name: '釋放櫃台：2號櫃臺' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '釋放櫃台' }));
    expect(inAlert(await within(region('櫃台')).findByText(/您沒有權限做這件事/))).toBe(true);
  });
});

describe('stopping the issuing', () => {
  it('stops a line for the rest of the session, shows it stopped, and starts it again', async () => {
    const user = userEvent.setup();
    await start();
    await user.click(screen.getByRole('button', { name: '停止取號：戶籍登記' }));
    const dialog = screen.getByRole('dialog', { name: '停止取號：戶籍登記' });
    await user.selectOptions(within(dialog).getByLabelText('原因'), '人力不足');
    expect(within(dialog).getByLabelText('到本時段結束（17:00），之後自動恢復')).toHaveProperty('checked', true);
    const stop = issuingStop({ serviceId: 'reg', reason: 'staff_shortage', until: 'session_end', since: iso(NOW), endsAt: '2024-05-06T09:00:00.000Z' });
    serverAnswers('issuing:stop', { stops: [stop] }, serverEvent(11, 'issuing:stopped', { stop }, iso(NOW)));
    await user.click(within(dialog).getByRole('button', { name: '停止取號' }));
    expect(sent('issuing:stop')).toEqual([{ serviceId: 'reg', reason: 'staff_shortage', until: 'session_end' }]);
    const lines = region('各業務等候');
    expect(await within(lines).findByText('戶籍登記已停止取號，至本時段結束。')).toBeTruthy();
    expect(within(lines).getByRole('row', { name: /戶籍登記/ }).textContent).toContain('已停止取號：人力不足，至 17:00');

    serverAnswers('issuing:resume', { stops: [] }, serverEvent(12, 'issuing:resumed', { serviceId: 'reg' }, iso(NOW)));
    await user.click(within(lines).getByRole('button', { name: '重新開放取號：戶籍登記' }));
    expect(sent('issuing:resume')).toEqual([{ serviceId: 'reg' }]);
    expect(await within(lines).findByText('戶籍登記已重新開放取號。')).toBeTruthy();
    expect(within(lines).getByRole('row', { name: /戶籍登記/ }).textContent).toContain('取號中');
  });

  it('stops the whole office until started again', async () => {
    const user = userEvent.setup();
    await start();
    await user.click(screen.getByRole('button', { name: '全所停止取號' }));
    const dialog = screen.getByRole('dialog', { name: '全所停止取號' });
    await user.click(within(dialog).getByLabelText('直到我重新開放'));
    await user.type(within(dialog).getByLabelText('備註（選填）'), '颱風將至');
    const stop = issuingStop({ serviceId: null, reason: 'capacity_reached', until: 'resumed', since: iso(NOW), endsAt: null });
    serverAnswers('issuing:stop', { stops: [stop] }, serverEvent(11, 'issuing:stopped', { stop }, iso(NOW)));
    await user.click(within(dialog).getByRole('button', { name: '停止取號' }));
    expect(sent('issuing:stop')).toEqual([{ serviceId: null, reason: 'capacity_reached', until: 'resumed', note: '颱風將至' }]);
    const lines = region('各業務等候');
    expect(await within(lines).findByText('全所已停止取號，直到重新開放。')).toBeTruthy();
    expect(within(lines).getByRole('row', { name: /護照/ }).textContent).toContain('全所停止取號：今日服務量已滿，直到重新開放');
    expect(within(lines).getByRole('button', { name: '全所重新開放取號' })).toBeTruthy();
  });
});

describe('announcements', () => {
  it('posts one in Chinese and English until a time, shows it, and withdraws it', async () => {
    const user = userEvent.setup();
    await start();
    const panel = region('公告');
    expect(within(panel).getByText('目前沒有公告。')).toBeTruthy();
    await user.type(within(panel).getByLabelText('公告內容（中文，必填）'), '下午 3 點系統維護');
    await user.click(within(panel).getByText('其他語言（選填）'));
    await user.type(within(panel).getByLabelText('公告內容（English）'), 'System maintenance at 3 pm');
    await user.click(within(panel).getByLabelText('護照'));
    const endsAt = within(panel).getByLabelText('顯示到') as HTMLInputElement;
    expect(endsAt.value).toBe('2024-05-06T17:00'); // the end of the session running now
    fireEvent.change(endsAt, { target: { value: '2024-05-06T15:30' } });
    const posted = announcement({ id: 'a9', texts: { 'zh-TW': '下午 3 點系統維護', en: 'System maintenance at 3 pm' }, serviceIds: ['pass'], postedAt: iso(NOW), endsAt: '2024-05-06T07:30:00.000Z' });
    serverAnswers('announcement:post', posted, serverEvent(11, 'announcement:posted', { announcement: posted }, iso(NOW)));
    await user.click(within(panel).getByRole('button', { name: '發布到叫號螢幕' }));
    expect(sent('announcement:post')).toEqual([
      { texts: { 'zh-TW': '下午 3 點系統維護', en: 'System maintenance at 3 pm' }, serviceIds: ['pass'], endsAt: '2024-05-06T07:30:00.000Z' },
    ]);
    expect(await within(panel).findByText('公告已發布，顯示到 15:30。')).toBeTruthy();
    const shown = within(panel).getByRole('list');
    expect(shown.textContent).toContain('下午 3 點系統維護');
    expect(shown.textContent).toContain('顯示到 15:30 · 護照');
    expect((within(panel).getByLabelText('公告內容（中文，必填）') as HTMLTextAreaElement).value).toBe('');

    serverAnswers('announcement:withdraw', posted, serverEvent(12, 'announcement:withdrawn', { announcementId: 'a9' }, iso(NOW)));
    await user.click(within(panel).getByRole('button', { name: '撤下：下午 3 點系統維護' }));
    expect(sent('announcement:withdraw')).toEqual([{ announcementId: 'a9' }]);
    expect(await within(panel).findByText('已撤下公告「下午 3 點系統維護」。')).toBeTruthy();
    expect(within(panel).getByText('目前沒有公告。')).toBeTruthy();
  });

  it('says what is missing instead of sending', async () => {
    const user = userEvent.setup();
    await start();
    const panel = region('公告');
    await user.click(within(panel).getByRole('button', { name: '發布到叫號螢幕' }));
    expect(within(panel).getByRole('alert').textContent).toContain('請輸入中文公告內容。');
    expect(sent('announcement:post')).toEqual([]);
  });
});

describe('the emergency closure', () => {
  it('is one switch: it asks the reason and what happens to the waiting, says so plainly, then closes; and ends', async () => {
    const user = userEvent.setup();
    await start();
    const panel = region('緊急停止服務');
    const toggle = within(panel).getByRole('switch', { name: '緊急停止服務（颱風停班停課等）' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    await user.click(toggle);
    const dialog = screen.getByRole('dialog', { name: '緊急停止服務' });
    expect(dialog.textContent).toContain('目前等候中的 3 位民眾仍會被叫號、服務到完。');
    // Without the reason it says so and sends nothing.
    await user.click(within(dialog).getByRole('button', { name: '停止服務（等候中的民眾繼續服務）' }));
    expect(within(dialog).getByRole('alert').textContent).toContain('請輸入中文原因。');
    await user.type(within(dialog).getByLabelText('原因（中文，必填）'), '颱風停班停課');
    await user.type(within(dialog).getByLabelText('原因（英文，選填）'), 'Typhoon day');
    await user.click(within(dialog).getByLabelText('取消他們的號碼牌，並告知原因'));
    expect(dialog.textContent).toContain('目前等候中的 3 張號碼牌全部取消');
    expect(dialog.textContent).toContain('已在櫃台的 1 位民眾照常完成服務。');
    const closure = { reason: { 'zh-TW': '颱風停班停課', en: 'Typhoon day' }, since: iso(NOW), waiting: 'close' as const };
    serverAnswers('office:emergency-close', { closure, cancelled: 3 }, serverEvent(11, 'office:emergency-closed', { closure, cancelled: 3 }, iso(NOW)));
    await user.click(within(dialog).getByRole('button', { name: '停止服務並取消 3 張號碼牌' }));
    expect(sent('office:emergency-close')).toEqual([{ reason: { 'zh-TW': '颱風停班停課', en: 'Typhoon day' }, waiting: 'close' }]);
    expect(await within(panel).findByText('已緊急停止服務，並取消 3 張等候中的號碼牌。')).toBeTruthy();
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(panel.textContent).toContain('原因：颱風停班停課');
    expect(within(region('各業務等候')).getByRole('row', { name: /護照/ }).textContent).toContain('緊急停止服務中，不開放取號');

    serverAnswers('office:emergency-end', { ended: closure }, serverEvent(12, 'office:emergency-ended', { closure }, iso(NOW)));
    await user.click(toggle);
    const end = screen.getByRole('dialog', { name: '結束緊急停止服務？' });
    expect(end.textContent).toContain('先前取消的號碼牌不會恢復。');
    await user.click(within(end).getByRole('button', { name: '結束緊急停止服務' }));
    expect(sent('office:emergency-end')).toEqual([{}]);
    expect(await within(panel).findByText('已結束緊急停止服務。')).toBeTruthy();
    expect(toggle.getAttribute('aria-checked')).toBe('false');
  });

  it('while offline nothing is sent and it says why', async () => {
    const user = userEvent.setup();
    await start();
    act(() => socket.serverSends('disconnect', 'transport close'));
    const panel = region('緊急停止服務');
    await user.click(within(panel).getByRole('switch'));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('原因（中文，必填）'), '颱風停班停課');
    await user.click(within(dialog).getByRole('button', { name: /停止服務/ }));
    expect(inAlert(await within(panel).findByText(/目前沒有連線/))).toBe(true);
    expect(sent('office:emergency-close')).toEqual([]);
  });
});

describe('today at a glance', () => {
  it('is a table per line with a caption, header cells and the whole office', async () => {
    const api = await start();
    const panel = region('今日概況');
    const table = await within(panel).findByRole('table', { name: '2024-05-06 各業務統計' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['業務', '取號', '完成', '過號', '平均等候', '90% 民眾等候在此以內', '滿意度']);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['戶籍登記', '護照', '全所']);
    expect(within(table).getByRole('row', { name: /戶籍登記/ }).textContent).toBe('戶籍登記302818.5 分鐘17 分鐘4.3 分（12 則）');
    expect(within(table).getByRole('row', { name: /護照/ }).textContent).toBe('護照421———');
    expect(api.gets.filter((p) => p === '/stats/today')).toHaveLength(1);
  });

  it('reads again on demand and says when it cannot', async () => {
    const user = userEvent.setup();
    let calls = 0;
    await start({}, {
      '/staff/names': names,
      '/stats/today': () => {
        calls++;
        if (calls > 1) throw new ApiError(0, null);
        return stats;
      },
    });
    const panel = region('今日概況');
    await within(panel).findByRole('table');
    await user.click(within(panel).getByRole('button', { name: '重新整理' }));
    expect(inAlert(await within(panel).findByText('無法連到伺服器，今日統計沒有更新。'))).toBe(true);
    expect(within(panel).getByRole('table')).toBeTruthy(); // the last figures stay
  });
});

describe('the queue policy', () => {
  it('explains each number as it is typed, and saves only what changed', async () => {
    const user = userEvent.setup();
    await start();
    const panel = region('叫號規則（愛心號）');
    const threshold = within(panel).getByLabelText('愛心號等候超過幾分鐘就優先（分鐘）');
    const nth = within(panel).getByLabelText('一般櫃台每叫幾號就服務一位愛心號');
    expect(threshold).toHaveProperty('value', '10');
    expect(threshold.getAttribute('aria-describedby') && document.getElementById(threshold.getAttribute('aria-describedby')!)?.textContent).toBe(
      '愛心號等候 10 分鐘以上，任何櫃台的下一號就叫它。',
    );
    await user.clear(threshold);
    await user.type(threshold, '15');
    expect(within(panel).getByText('愛心號等候 15 分鐘以上，任何櫃台的下一號就叫它。')).toBeTruthy();
    await user.clear(nth);
    expect(within(panel).getByText('請輸入 0 到 100 的整數。')).toBeTruthy();
    expect(nth.getAttribute('aria-invalid')).toBe('true');
    await user.type(nth, '3');
    expect(within(panel).getByText('一般櫃台每叫到第 3 號時，改叫一位等候中的愛心號。')).toBeTruthy();

    const policy = { ...office().policy, priorityMaxWaitMinutes: 15 };
    serverAnswers('policy:update', policy, serverEvent(11, 'policy:updated', { policy }, iso(NOW)));
    await user.click(within(panel).getByRole('button', { name: '儲存規則' }));
    expect(sent('policy:update')).toEqual([{ priorityMaxWaitMinutes: 15 }]);
    expect(await within(panel).findByText('叫號規則已儲存，下一次叫號就會套用。')).toBeTruthy();
    expect(threshold).toHaveProperty('value', '15');
  });

  it('speaks English ordinals after the language switch', async () => {
    const user = userEvent.setup();
    await start();
    await user.click(screen.getByRole('button', { name: /English/ }));
    const panel = await screen.findByRole('region', { name: 'Queue policy (priority tickets)' });
    const nth = within(panel).getByLabelText('A normal counter serves a priority ticket every Nth call');
    expect(within(panel).getByText('Every 3rd call at a normal counter serves a priority ticket, when one waits.')).toBeTruthy();
    for (const [n, text] of [
      ['2', 'Every 2nd call'],
      ['21', 'Every 21st call'],
      ['11', 'Every 11th call'],
      ['1', 'Every call at a normal counter serves a waiting priority ticket first.'],
    ] as const) {
      await user.clear(nth);
      await user.type(nth, n);
      expect(within(panel).getByText(new RegExp(text))).toBeTruthy();
    }
    expect(within(panel).getByText(/A priority ticket waiting 10 min or more is called next at any counter\./)).toBeTruthy();
  });
});

describe('the whole view', () => {
  it('has a heading for every region and a label for every field', async () => {
    await start();
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(['需要注意（3）', '緊急停止服務', '櫃台', '各業務等候', '公告', '今日概況', '叫號規則（愛心號）']);
    const main = screen.getByRole('main');
    for (const field of main.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')) {
      expect(field.labels?.length ?? 0, field.outerHTML).toBeGreaterThan(0);
    }
    for (const table of main.querySelectorAll('table')) expect(table.querySelector('caption')?.textContent).toBeTruthy();
  });

  it('shows the server’s announcements and stops from the snapshot', async () => {
    await start({
      announcements: [announcement({ id: 'a1', texts: { 'zh-TW': '今日下午系統維護' }, endsAt: '2024-05-06T08:00:00.000Z' })],
      issuingStops: [issuingStop({ serviceId: 'pass', reason: 'closing_early', until: 'resumed', endsAt: null })],
    });
    expect(within(region('公告')).getByRole('list').textContent).toContain('今日下午系統維護');
    expect(within(region('公告')).getByRole('list').textContent).toContain('顯示到 16:00 · 所有業務');
    expect(within(region('各業務等候')).getByRole('row', { name: /護照/ }).textContent).toContain('已停止取號：提早結束受理，直到重新開放');
  });
});
