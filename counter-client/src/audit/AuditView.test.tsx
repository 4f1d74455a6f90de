// The audit view as a supervisor uses it, through the whole app against a fake server (socket and
// REST faked; the store, the reducer and every component real): the day's exceptions as a table,
// another date, the empty day, the check of the event log intact and broken, and refusals shown
// as the other views show them. The clock stands at NOW (Monday 2024-05-06 10:00 in Taipei).
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, AuditTrailDay, ChainCheck, Staff } from '@jiaohao/shared/schemas';
import { NOW, counter, service, snapshot } from '@jiaohao/shared/testing';
import { FakeSocket } from '@jiaohao/web/testing';
import { App } from '../App';
import { ApiError } from '../connection/api';
import { createI18n, type StaffLanguage } from '../i18n/i18n';
import { floorApi, supervisor } from '../testing/supervisor-fakes';

let socket: FakeSocket;
beforeEach(() => {
  localStorage.clear();
  location.hash = '#/audit';
  vi.setSystemTime(NOW);
  socket = new FakeSocket();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
  location.hash = '';
});

const office = snapshot({
  services: [
    service({ id: 'reg', names: { 'zh-TW': '戶籍登記', en: 'Registration' }, sortOrder: 1 }),
    service({ id: 'pass', code: 'B', names: { 'zh-TW': '護照', en: 'Passports' }, sortOrder: 2 }),
  ],
  counters: [
    counter({ id: 'c1', number: 1, names: { 'zh-TW': '1號櫃臺', en: 'Counter 1' }, serviceIds: ['reg'] }),
    counter({ id: 'c2', number: 2, names: { 'zh-TW': '2號櫃臺', en: 'Counter 2' }, serviceIds: ['reg', 'pass'] }),
  ],
});

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  seq: 1,
  at: '2024-05-06T01:15:30.000Z',
  kind: 'no_show',
  ticket: { id: 't1', number: '1003', serviceId: 'reg' },
  counterId: 'c2',
  actor: { kind: 'staff', id: 'mei', name: '林美' },
  reason: 'left_office',
  note: null,
  pickReason: null,
  transferTo: null,
  ...over,
});

const monday: AuditTrailDay = {
  businessDate: '2024-05-06',
  entries: [
    entry({ seq: 12, at: '2024-05-06T01:05:00.000Z', kind: 'call', ticket: { id: 't2', number: '1007', serviceId: 'reg' }, reason: 'resident_present', note: '已在櫃台前等候' }),
    entry({ seq: 15, note: 'called three times' }),
    entry({ seq: 18, at: '2024-05-06T01:20:00.000Z', kind: 'transfer', ticket: { id: 't3', number: '1008', serviceId: 'reg' }, reason: 'other_service_needed', transferTo: { serviceId: 'pass', counterId: null } }),
    entry({ seq: 20, at: '2024-05-06T01:30:00.000Z', kind: 'call', ticket: { id: 't4', number: '1901', serviceId: 'reg' }, counterId: 'c1', reason: null, pickReason: 'priority_counter' }),
    entry({ seq: 25, at: '2024-05-06T01:40:00.000Z', kind: 'cancel', ticket: { id: 't5', number: '1010', serviceId: 'reg' }, counterId: null, actor: { kind: 'resident', id: 't5', name: null }, reason: 'resident_request' }),
  ],
};

const intact: ChainCheck = { ok: true, checked: 120, brokenAt: null, anchoredSeq: 118, anchoredAt: '2024-05-06T01:55:00.000Z', problems: [] };
const broken: ChainCheck = {
  ok: false,
  checked: 120,
  brokenAt: 15,
  anchoredSeq: 10,
  anchoredAt: '2024-05-06T00:30:00.000Z',
  problems: [
    { kind: 'chain', seq: 15, message: 'Event 15 does not match its hash: it was changed after it was written' },
    { kind: 'anchor', seq: null, message: 'Line 4 of the anchor file is not an anchor' },
  ],
};

async function start(routes: Record<string, unknown>, lang: StaffLanguage = 'zh-TW', staff: Staff = supervisor) {
  const api = floorApi(staff, routes);
  render(<App i18n={createI18n(lang)} api={api} transport={() => socket} />);
  await screen.findByRole('button', { name: lang === 'en' ? 'Sign out' : '登出' });
  act(() => {
    socket.serverSends('connect');
    socket.serverSends('snapshot', office);
  });
  return api;
}

/** A panel by its heading, once the lazily loaded view is there. */
const region = (name: string | RegExp) => screen.findByRole('region', { name });
/** A row's cells in order (the number is the row's header). */
const cells = (row: HTMLElement) => [...row.querySelectorAll('td, th')].map((c) => c.textContent);

describe("the supervisor's audit trail", () => {
  it("opens from the nav on today's date and lists every exception as a table: time, what, number, line, counter, who, reason", async () => {
    const api = await start({ '/audit/trail?date=2024-05-06': monday });
    expect(screen.getByRole('link', { name: '稽核紀錄' }).getAttribute('aria-current')).toBe('page');
    const table = await screen.findByRole('table', { name: '2024-05-06 的例外紀錄（5 筆）' });
    expect(api.gets).toContain('/audit/trail?date=2024-05-06');
    expect((screen.getByLabelText('日期') as HTMLInputElement).value).toBe('2024-05-06');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['時間', '事項', '號碼', '業務', '櫃台', '經辦人', '原因']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(cells)).toEqual([
      ['09:05:00', '不依順序叫號', '1007', '戶籍登記', '2號櫃臺', '林美', '民眾已在櫃台前：已在櫃台前等候'],
      ['09:15:30', '過號（未到）', '1003', '戶籍登記', '2號櫃臺', '林美', '民眾已離開：called three times'],
      ['09:20:00', '轉送至 護照', '1008', '戶籍登記', '2號櫃臺', '林美', '需要辦理其他業務'],
      ['09:30:00', '不依順序叫號', '1901', '戶籍登記', '1號櫃臺', '林美', '愛心櫃臺優先叫優先號'],
      ['09:40:00', '取消號碼', '1010', '戶籍登記', '—', '民眾本人（電子號碼牌）', '民眾要求取消'],
    ]);
  });

  it('reads in English too', async () => {
    await start({ '/audit/trail?date=2024-05-06': monday }, 'en');
    const table = await screen.findByRole('table', { name: 'Exceptions on 2024-05-06 (5)' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'What', 'Number', 'Line', 'Counter', 'Who', 'Reason']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(cells(rows[1]!)).toEqual(['09:15:30', 'No-show', '1003', 'Registration', 'Counter 2', '林美', 'Resident left: called three times']);
    expect(cells(rows[2]!)[1]).toBe('Transferred to Passports');
    expect(cells(rows[3]!)[6]).toBe('Priority counter serves priority tickets first');
    expect(cells(rows[4]!)[5]).toBe('The resident (e-ticket)');
  });

  it('reads another date when one is chosen, and says so when that day has none', async () => {
    const api = await start({ '/audit/trail?date=2024-05-06': monday, '/audit/trail?date=2024-05-03': { businessDate: '2024-05-03', entries: [] } });
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('日期'), { target: { value: '2024-05-03' } });
    expect(await screen.findByText('2024-05-03 沒有插隊叫號、過號、重新排隊、轉送或取消的紀錄。')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(api.gets.filter((p) => p.startsWith('/audit/trail'))).toEqual(['/audit/trail?date=2024-05-06', '/audit/trail?date=2024-05-03']);
  });

  it('says in an alert when the trail cannot be read', async () => {
    await start({
      '/audit/trail?date=2024-05-06': () => {
        throw new ApiError(403, { code: 'forbidden', message: 'Needs the supervisor role or above' });
      },
    });
    const alert = await screen.findByText('無法讀取稽核紀錄：您沒有權限做這件事。');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
  });
});

describe('verifying the event log', () => {
  it('says the log is intact, how many events were checked and how far it is sealed', async () => {
    const user = userEvent.setup();
    const api = await start({ '/audit/trail?date=2024-05-06': monday, '/events/verify': intact });
    const panel = await region('事件紀錄檢查');
    await user.click(within(panel).getByRole('button', { name: '驗證事件紀錄' }));
    expect(await within(panel).findByText('事件紀錄完整：已檢查 120 筆事件，沒有發現問題。')).toBeTruthy();
    // 01:55 UTC is 09:55 in Taipei.
    expect(within(panel).getByText('已封存並確認到第 118 筆事件（2024-05-06 09:55）。').closest('[role="status"]')).not.toBeNull();
    expect(api.reads('/events/verify')).toBe(1);
  });

  it('lists every problem found when it is not intact', async () => {
    const user = userEvent.setup();
    await start({ '/audit/trail?date=2024-05-06': monday, '/events/verify': broken }, 'en');
    const panel = await region('Event log check');
    await user.click(within(panel).getByRole('button', { name: 'Verify the event log' }));
    expect(await within(panel).findByText('The event log is NOT intact: 120 events checked, 2 problems found.')).toBeTruthy();
    expect(within(panel).getByText('The first that does not match is event 15.')).toBeTruthy();
    expect(within(panel).getByText('Sealed and confirmed up to event 10 (2024-05-06 08:30).')).toBeTruthy();
    const list = within(panel).getByRole('list', { name: 'Problems found' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Hash chain (event 15): Event 15 does not match its hash: it was changed after it was written',
      'Anchor: Line 4 of the anchor file is not an anchor',
    ]);
  });

  it('shows a refusal (too many checks) in an alert, in the words the other views use', async () => {
    const user = userEvent.setup();
    await start({
      '/audit/trail?date=2024-05-06': monday,
      '/events/verify': () => {
        throw new ApiError(429, { code: 'rate_limited', message: 'Too many requests; try again in 40 s' });
      },
    });
    await user.click(await screen.findByRole('button', { name: '驗證事件紀錄' }));
    const alert = await screen.findByText('操作太頻繁，請稍後再試。');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
  });
});

describe('who sees it', () => {
  it('is not offered to a clerk', async () => {
    location.hash = '';
    await start({}, 'zh-TW', { ...supervisor, id: 'clerk-1', role: 'clerk' });
    expect(screen.queryByRole('link', { name: '稽核紀錄' })).toBeNull();
  });
});
