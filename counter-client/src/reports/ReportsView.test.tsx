// The reports as a supervisor uses them, against a fake server (socket and REST faked; the
// reducer, the store and every component real). The office's business date is 2024-05-06.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report, ReportFigures, Staff } from '@jiaohao/shared/schemas';
import { snapshot } from '@jiaohao/shared/testing';
import { FakeSocket } from '@jiaohao/web/testing';
import { App } from '../App';
import { ApiError } from '../connection/api';
import { createI18n, type StaffLanguage } from '../i18n/i18n';
import { floorApi, supervisor } from '../testing/supervisor-fakes';

let socket: FakeSocket;

beforeEach(() => {
  localStorage.clear();
  location.hash = '#/reports';
  socket = new FakeSocket();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
  location.hash = '';
});

const figures = (over: Partial<ReportFigures> = {}): ReportFigures => ({
  issued: 40,
  served: 35,
  noShows: 3,
  cancelled: 1,
  transferred: 1,
  waitMinutes: { mean: 8.5, median: 7, p90: 17.25 },
  handlingMinutes: { mean: 6.2, median: 5, p90: 11 },
  withinTargetWait: 0.875,
  withinHandlingLimit: 0.9,
  bookings: { kept: 5, missed: 2 },
  ratings: { count: 12, mean: 4.3 },
  ...over,
});

const none = figures({
  issued: 0,
  served: 0,
  noShows: 0,
  cancelled: 0,
  transferred: 0,
  waitMinutes: { mean: null, median: null, p90: null },
  handlingMinutes: { mean: null, median: null, p90: null },
  withinTargetWait: null,
  withinHandlingLimit: null,
  bookings: { kept: 0, missed: 0 },
  ratings: { count: 0, mean: null },
});

function report(from: string, to: string, days: string[] = [from]): Report {
  return {
    office: { id: 'office-1', name: '中正區戶政事務所', timeZone: 'Asia/Taipei' },
    from,
    to,
    generatedAt: '2024-05-06T02:00:00.000Z',
    totals: figures(),
    services: [
      { serviceId: 'reg', name: '戶籍登記', nameEn: 'Registration', ...figures({ issued: 30 }) },
      { serviceId: 'pass', name: '護照', nameEn: 'Passports', ...none },
    ],
    counters: [{ counterId: 'c1', number: 1, name: '1號櫃臺', ...figures() }],
    clerks: [{ staffId: 'mei', name: '林美', ...figures() }],
    days: days.map((businessDate) => ({ businessDate, ...figures() })),
    hourly: [
      { hour: 8, issued: 4, served: 2 },
      { hour: 9, issued: 12, served: 10 },
      { hour: 10, issued: 7, served: 9 },
    ],
  };
}

const TODAY = '/reports?from=2024-05-06&to=2024-05-06';
const MAY = '/reports?from=2024-05-01&to=2024-05-31';

async function start(routes: Record<string, unknown> = { [TODAY]: report('2024-05-06', '2024-05-06') }, lang: StaffLanguage = 'zh-TW', staff: Staff = supervisor) {
  const api = floorApi(staff, routes);
  render(<App i18n={createI18n(lang)} api={api} transport={() => socket} />);
  await screen.findByText(/陳主任|林美/);
  act(() => {
    socket.serverSends('connect');
    socket.serverSends('snapshot', snapshot({ seq: 1 }));
  });
  return api;
}

const region = (name: string | RegExp) => screen.getByRole('region', { name });
const links = () => within(region('下載這份報表')).getAllByRole('link') as HTMLAnchorElement[];
/** The text of the cells of the row named `name` (its header first). */
const cells = (table: HTMLElement, name: RegExp) =>
  Array.from(within(table).getByRole('row', { name }).querySelectorAll('th, td')).map((c) => c.textContent);

describe('opening the reports', () => {
  it('is in the navigation for a supervisor, and opens on today with its downloads', async () => {
    const api = await start();
    expect(screen.getByRole('link', { name: '報表' }).getAttribute('aria-current')).toBe('page');
    expect(await screen.findByText('中正區戶政事務所：2024-05-06')).toBeTruthy();
    expect(api.gets).toContain(TODAY);
    expect((screen.getByLabelText('單日') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('日期') as HTMLInputElement).value).toBe('2024-05-06');
    expect(links().map((a) => [a.textContent, a.getAttribute('href'), a.hasAttribute('download')])).toEqual([
      ['CSV', '/api/v1/reports.csv?from=2024-05-06&to=2024-05-06', true],
      ['試算表（ODS）', '/api/v1/reports.ods?from=2024-05-06&to=2024-05-06', true],
      ['PDF', '/api/v1/reports.pdf?from=2024-05-06&to=2024-05-06', true],
    ]);
  });

  it('is not there for a clerk', async () => {
    await start({}, 'zh-TW', { id: 'mei', username: 'mei', displayName: '林美', role: 'clerk', active: true });
    expect(screen.getByRole('navigation').textContent).not.toContain('報表');
    expect(screen.queryByRole('heading', { name: '報表' })).toBeNull();
  });
});

describe('choosing the period', () => {
  it('a month asks for its first to its last day, with a table per day, and the downloads follow', async () => {
    const user = userEvent.setup();
    const api = await start({ [TODAY]: report('2024-05-06', '2024-05-06'), [MAY]: report('2024-05-01', '2024-05-31', ['2024-05-01', '2024-05-02']) });
    await screen.findByText('中正區戶政事務所：2024-05-06');
    expect(screen.queryByRole('table', { name: /每日/ })).toBeNull();
    await user.click(screen.getByLabelText('整月'));
    expect((screen.getByLabelText('月份') as HTMLInputElement).value).toBe('2024-05');
    await user.click(screen.getByRole('button', { name: '顯示報表' }));
    expect(await screen.findByText('中正區戶政事務所：2024-05-01 至 2024-05-31（31 天）')).toBeTruthy();
    expect(api.gets.at(-1)).toBe(MAY);
    const days = screen.getByRole('table', { name: '每日（2 天）' });
    expect(within(days).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['2024-05-01', '2024-05-02']);
    expect(links().map((a) => a.getAttribute('href'))).toEqual([
      '/api/v1/reports.csv?from=2024-05-01&to=2024-05-31',
      '/api/v1/reports.ods?from=2024-05-01&to=2024-05-31',
      '/api/v1/reports.pdf?from=2024-05-01&to=2024-05-31',
    ]);
  });

  it('a range asks for exactly its dates', async () => {
    const user = userEvent.setup();
    const path = '/reports?from=2024-04-29&to=2024-05-03';
    const api = await start({ [TODAY]: report('2024-05-06', '2024-05-06'), [path]: report('2024-04-29', '2024-05-03') });
    await screen.findByText('中正區戶政事務所：2024-05-06');
    await user.click(screen.getByLabelText('自訂期間'));
    fireEvent.change(screen.getByLabelText('起日'), { target: { value: '2024-04-29' } });
    fireEvent.change(screen.getByLabelText('迄日'), { target: { value: '2024-05-03' } });
    await user.click(screen.getByRole('button', { name: '顯示報表' }));
    expect(await screen.findByText('中正區戶政事務所：2024-04-29 至 2024-05-03（5 天）')).toBeTruthy();
    expect(api.gets.at(-1)).toBe(path);
  });

  it('refuses a range that ends before it starts, or is over 366 days, beside the fields and before any request', async () => {
    const user = userEvent.setup();
    const api = await start();
    await screen.findByText('中正區戶政事務所：2024-05-06');
    const asked = api.gets.length;
    await user.click(screen.getByLabelText('自訂期間'));
    const from = screen.getByLabelText('起日');
    const to = screen.getByLabelText('迄日');
    fireEvent.change(from, { target: { value: '2024-05-06' } });
    fireEvent.change(to, { target: { value: '2024-05-01' } });
    await user.click(screen.getByRole('button', { name: '顯示報表' }));
    const alert = screen.getByText('迄日不能早於起日。');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(to.getAttribute('aria-describedby')).toBe(alert.closest('[role="alert"]')!.id);

    fireEvent.change(from, { target: { value: '2023-01-01' } });
    await user.click(screen.getByRole('button', { name: '顯示報表' }));
    expect(screen.getByText('一份報表最長 366 天，這段期間有 487 天，請縮短。')).toBeTruthy();
    expect(api.gets.length).toBe(asked);
    // The report shown is still today's, with today's downloads.
    expect(screen.getByText('中正區戶政事務所：2024-05-06')).toBeTruthy();
    expect(links()[0]!.getAttribute('href')).toBe('/api/v1/reports.csv?from=2024-05-06&to=2024-05-06');
  });
});

describe('the report', () => {
  it('shows the office totals as headline figures: minutes to a tenth with the unit, shares as percentages', async () => {
    await start();
    const totals = await screen.findByRole('region', { name: '全所總計' });
    const figure = (name: string) => within(totals).getByText(name).nextElementSibling?.textContent;
    expect(figure('取號')).toBe('40');
    expect(figure('完成')).toBe('35');
    expect(figure('過號')).toBe('3');
    expect(figure('平均等候')).toBe('8.5 分鐘');
    expect(figure('等候中位數')).toBe('7.0 分鐘');
    expect(figure('90% 民眾等候在此以內')).toBe('17.3 分鐘');
    expect(figure('等候未超過目標時間')).toBe('87.5%');
    expect(figure('處理未超過處理時限')).toBe('90%');
    expect(figure('預約')).toBe('報到 5，未到 2');
    expect(figure('滿意度')).toBe('4.3 分（12 則）');
  });

  it('has a table per line (with the office total), per counter and per clerk; no data reads as no data', async () => {
    await start();
    const lines = await screen.findByRole('table', { name: '各業務（2 項）' });
    expect(within(lines).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      '業務',
      '取號',
      '完成',
      '過號',
      '平均等候',
      '90% 等候在',
      '等候達標',
      '平均處理',
      '處理達標',
      '滿意度',
    ]);
    expect(cells(lines, /戶籍登記/)).toEqual(['戶籍登記', '30', '35', '3', '8.5 分鐘', '17.3 分鐘', '87.5%', '6.2 分鐘', '90%', '4.3 分（12 則）']);
    const pass = within(lines).getByRole('row', { name: /護照/ });
    expect(within(pass).getAllByText('無資料')).toHaveLength(6);
    expect(within(pass).getAllByText('—')[0]!.getAttribute('aria-hidden')).toBe('true');
    expect(cells(lines, /全所/)[1]).toBe('40');
    expect(cells(screen.getByRole('table', { name: '各櫃台（1 個）' }), /1號櫃臺/)[0]).toBe('1號櫃臺');
    expect(cells(screen.getByRole('table', { name: '各櫃台人員（1 位）' }), /林美/)[0]).toBe('林美');
    // One day: no table per day.
    expect(screen.queryByRole('table', { name: /每日/ })).toBeNull();
  });

  it('draws tickets per hour as one image with a label summing it up, and the numbers in a table', async () => {
    await start();
    const chart = await screen.findByRole('img');
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.getAttribute('aria-label')).toBe('長條圖：每小時取號與完成張數，08:00 至 11:00。共取號 23 張、完成 21 張；取號最多在 09:00–10:00（12 張）。');
    expect(chart.querySelectorAll('rect.reports-bar-issued')).toHaveLength(3);
    expect(chart.querySelectorAll('rect.reports-bar-served')).toHaveLength(3);
    const numbers = screen.getByRole('table', { name: '每小時取號與完成張數' });
    expect(cells(numbers, /^09:00/)).toEqual(['09:00–10:00', '12', '10']);
  });

  it('in English: line names in English, the same figures, a chart label in English', async () => {
    await start(undefined, 'en');
    const lines = await screen.findByRole('table', { name: 'Per line (2)' });
    expect(cells(lines, /Registration/)).toEqual(['Registration', '30', '35', '3', '8.5 min', '17.3 min', '87.5%', '6.2 min', '90%', '4.3 (12 ratings)']);
    expect(within(within(lines).getByRole('row', { name: /Passports/ })).getAllByText('no data')).toHaveLength(6);
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('23 issued and 21 served in all');
    expect(screen.getByRole('link', { name: 'Spreadsheet (ODS)' }).getAttribute('href')).toBe('/api/v1/reports.ods?from=2024-05-06&to=2024-05-06');
  });

  it('says so when nothing was issued, instead of an empty chart', async () => {
    await start({ [TODAY]: { ...report('2024-05-06', '2024-05-06'), hourly: [] } });
    expect(await screen.findByText('這段期間沒有取號，沒有圖表。')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('loading and failing', () => {
  it('says it is loading while the report is on its way, then shows it', async () => {
    let answer: (r: Report) => void = () => undefined;
    const pending = new Promise<Report>((resolve) => (answer = resolve));
    const api = Object.assign(floorApi(supervisor), { get: <T,>() => pending as Promise<T> });
    render(<App i18n={createI18n('zh-TW')} api={api} transport={() => socket} />);
    await screen.findByText(/陳主任/);
    act(() => {
      socket.serverSends('connect');
      socket.serverSends('snapshot', snapshot({ seq: 1 }));
    });
    const status = await screen.findByText('報表載入中…');
    expect(status.getAttribute('role')).toBe('status');
    expect((screen.getByRole('button', { name: '顯示報表' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answer(report('2024-05-06', '2024-05-06')));
    expect(await screen.findByText('中正區戶政事務所：2024-05-06')).toBeTruthy();
    expect(screen.queryByText('報表載入中…')).toBeNull();
  });

  it('says in an alert why the report is not there when the server cannot be reached', async () => {
    await start({
      [TODAY]: () => {
        throw new ApiError(0, null);
      },
    });
    const alert = await screen.findByText('無法連到伺服器，報表沒有載入。');
    expect(alert.closest('[role="alert"]')).not.toBeNull();
    expect(screen.queryByRole('region', { name: '全所總計' })).toBeNull();
    expect(screen.queryByRole('region', { name: '下載這份報表' })).toBeNull();
  });

  it('a server without reports says it does not offer them; a refusal is put in words', async () => {
    await start({});
    expect(await screen.findByText('伺服器尚未提供報表。')).toBeTruthy();
    cleanup();
    socket = new FakeSocket();
    await start({
      [TODAY]: () => {
        throw new ApiError(403, { code: 'forbidden', message: 'forbidden' });
      },
    });
    expect(await screen.findByText('您沒有權限做這件事。')).toBeTruthy();
  });
});
