import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hydrateRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announcement, closure, issuingStop } from '@jiaohao/shared/testing';
import type { PublicStatus } from '@jiaohao/shared/schemas';
import { FakeSocket } from '@jiaohao/web/testing';
import { statusWith } from '../public-status/testing';
import { createStatusStore, renderedStatusStore, type StatusStore } from './connection';
import { readIsland } from './island';
import { renderStatusPage, statusPageHead } from './server';
import { StatusApp } from './StatusApp';

const stores: StatusStore[] = [];
afterEach(() => {
  cleanup();
  for (const s of stores.splice(0)) s.close();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = '';
  window.history.replaceState(null, '', '/');
});

function live(status: PublicStatus | null = statusWith()) {
  const socket = new FakeSocket();
  socket.answer = (event) => (event === 'public:status' ? { ok: true, data: status } : undefined);
  const store = createStatusStore(socket, status);
  stores.push(store);
  return { socket, store };
}

const line = (name: string) => screen.getByRole('listitem', { name });
/** The value beside a label in a line's card ("等候人數" → "3 人"). */
const fact = (name: string, label: string) => within(line(name)).getByText(label).nextElementSibling?.textContent;

describe('the status page', () => {
  it('shows each line: the waiting count, the number served, the wait and whether numbers are issued', () => {
    render(<StatusApp store={renderedStatusStore(statusWith({}, 3))} lang="zh-TW" />);
    expect(screen.getByRole('heading', { level: 1, name: '即時候位人數' })).toBeTruthy();
    expect(screen.getByText('臺中市北區戶政事務所')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '各項業務' })).toBeTruthy();
    expect(fact('戶籍登記', '等候人數')).toBe('3 人');
    expect(fact('戶籍登記', '目前叫號')).toBe('1001');
    expect(fact('戶籍登記', '預估等候')).toMatch(/^約 \d+–\d+ 分鐘$/);
    expect(fact('戶籍登記', '取號')).toBe('開放取號');
    expect(fact('護照', '目前叫號')).toBe('尚未叫號');
    expect(screen.getByText('資料時間：5月6日（星期一） 10:00:00')).toBeTruthy();
    // Rendered without a connection: nothing said about one.
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
    const counters = screen.getByRole('table', { name: '各櫃台目前服務的號碼' });
    expect(within(counters).getAllByRole('row')[1]?.textContent).toBe('1號櫃台1001服務中');
    expect(screen.getByRole('table', { name: '每週服務時間' })).toBeTruthy();
  });

  it('a stopped line says why; the closure and the announcements are shown', () => {
    const status = statusWith({
      issuingStops: [issuingStop({ serviceId: 'passport', reason: 'capacity_reached' })],
      announcements: [announcement()],
      closure: closure(),
    });
    render(<StatusApp store={renderedStatusStore(status)} lang="zh-TW" />);
    expect(fact('護照', '取號')).toBe('暫停取號：緊急停止上班');
    const closed = screen.getByRole('region', { name: '緊急停止上班' });
    expect(within(closed).getByText('颱風停止上班')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: '公告' })).getByText('今日下午系統維護，部分業務暫停')).toBeTruthy();
  });

  it('a line stopped by a supervisor gives the reason in words', () => {
    render(<StatusApp store={renderedStatusStore(statusWith({ issuingStops: [issuingStop({ serviceId: 'passport', reason: 'capacity_reached' })] }))} lang="en" />);
    expect(fact('護照', 'Numbers')).toBe("Not issuing: today's numbers are all taken");
    expect(fact('Household registration', 'Numbers')).toBe('Issuing numbers');
  });

  it('goes live: the pushed status replaces the counts, without a reload', async () => {
    const { socket, store } = live(statusWith({}, 3));
    render(<StatusApp store={store} lang="zh-TW" />);
    expect(screen.getByRole('status').textContent).toBe('正在連線…');
    act(() => socket.serverSends('connect'));
    expect(socket.sent.map((m) => m.event)).toEqual(['public:status']);
    expect(screen.getByRole('status').textContent).toBe('即時更新中');
    act(() => socket.serverSends('public:status', statusWith({ seq: 43, at: '2024-05-06T02:00:30.000Z' }, 5)));
    expect(fact('戶籍登記', '等候人數')).toBe('5 人');
    expect(screen.getByText('資料時間：5月6日（星期一） 10:00:30')).toBeTruthy();
    // An older one overtaken by the push is dropped.
    act(() => socket.serverSends('snapshot', statusWith({ seq: 40, at: '2024-05-06T01:59:00.000Z' }, 1)));
    expect(fact('戶籍登記', '等候人數')).toBe('5 人');
  });

  it('on (re)connect takes the answer to its own request', async () => {
    const fresh = statusWith({ seq: 50, at: '2024-05-06T02:05:00.000Z' }, 7);
    const socket = new FakeSocket();
    socket.answer = (event) => (event === 'public:status' ? { ok: true, data: fresh } : undefined);
    const store = createStatusStore(socket, statusWith({}, 3));
    stores.push(store);
    render(<StatusApp store={store} lang="zh-TW" />);
    act(() => socket.serverSends('connect'));
    await act(async () => {});
    expect(fact('戶籍登記', '等候人數')).toBe('7 人');
  });

  it('says the figures may be out of date a few seconds after the connection drops, and stops saying it when back', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { socket, store } = live();
    render(<StatusApp store={store} lang="zh-TW" />);
    act(() => socket.serverSends('connect'));
    act(() => socket.serverSends('disconnect', 'transport close'));
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => vi.advanceTimersByTime(3_000));
    expect(screen.getByRole('alert').textContent).toBe('與伺服器的連線中斷，以下是 5月6日（星期一） 10:00:00 的資料，可能不是最新的。正在重新連線…');
    // The last figures stay.
    expect(fact('戶籍登記', '等候人數')).toBe('3 人');
    act(() => socket.serverSends('connect'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('after the server closed the socket (a restart), connects again by itself', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { socket, store } = live();
    render(<StatusApp store={store} lang="zh-TW" />);
    act(() => socket.serverSends('connect'));
    const before = socket.connects;
    act(() => socket.serverSends('disconnect', 'io server disconnect'));
    act(() => vi.advanceTimersByTime(2_000));
    expect(socket.connects).toBe(before + 1);
  });

  it('switches to English in place, with the address and the lang attributes following', async () => {
    const { store } = live();
    render(<StatusApp store={store} lang="zh-TW" />);
    const link = screen.getByRole('link', { name: 'Read this page in English' });
    expect(link.getAttribute('href')).toBe('/status?lang=en');
    expect(link.getAttribute('lang')).toBe('en');
    await userEvent.setup().click(link);
    expect(screen.getByRole('heading', { level: 1, name: 'Live waiting count' })).toBeTruthy();
    expect(window.location.search).toBe('?lang=en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Live waiting count · 臺中市北區戶政事務所');
    // The office's name has no English: it keeps its Chinese tag.
    expect(screen.getByText('臺中市北區戶政事務所').getAttribute('lang')).toBe('zh-Hant-TW');
    expect(screen.getByRole('link', { name: '以中文閱讀本頁' }).getAttribute('href')).toBe('/status');
  });
});

describe('rendered on the server, hydrated in the browser', () => {
  it('the server markup holds the counts, and hydrating it matches (no recoverable error), then goes live', () => {
    const status = statusWith({}, 4);
    const html = renderStatusPage(status, 'en');
    expect(html).toContain('<span class="st-count">4</span> <span class="st-unit">people</span>');
    expect(html).toContain('As of Monday 6 May, 10:00:00');
    expect(statusPageHead(status, 'zh-TW')).toEqual({ title: '即時候位人數 · 臺中市北區戶政事務所', lang: 'zh-Hant-TW' });

    document.body.innerHTML = `<div id="root">${html}</div><script type="application/json" id="initial-status">${JSON.stringify({ lang: 'en', status }).replace(/</g, '\\u003c')}</script>`;
    const island = readIsland(document);
    expect(island?.lang).toBe('en');
    expect(island?.status?.seq).toBe(status.seq);
    const { socket, store } = live(island?.status ?? null);
    const errors = vi.spyOn(console, 'error');
    const recoverable = vi.fn();
    const container = document.getElementById('root')!;
    act(() => {
      hydrateRoot(container, <StatusApp store={store} lang={island!.lang} />, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(errors).not.toHaveBeenCalled();
    expect(within(container).getByRole('status').textContent).toBe('Connecting…');
    act(() => socket.serverSends('connect'));
    act(() => socket.serverSends('public:status', statusWith({ seq: 43 }, 6)));
    expect(fact('Household registration', 'Waiting')).toBe('6 people');
  });

  it('a missing or broken island reads as none', () => {
    expect(readIsland(document)).toBeNull();
    document.body.innerHTML = '<script type="application/json" id="initial-status">{not json</script>';
    expect(readIsland(document)).toBeNull();
    document.body.innerHTML = '<script type="application/json" id="initial-status">{"lang":"xx","status":null}</script>';
    expect(readIsland(document)).toEqual({ lang: 'zh-TW', status: null });
  });
});
