// The bookings view as clerks and supervisors use it, through the whole app against a fake server
// (socket and REST faked; the store, the reducer and every component real): the day's bookings as a
// table, a booking taken on the phone (its code shown large, the list showing its day), each refusal
// and each field problem beside its field, cancelling with a confirmation, and the repeated no-shows
// for supervisors only. The office's business date is 2024-05-06.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment, BookingOffer, Slot, Staff } from '@jiaohao/shared/schemas';
import { service, snapshot } from '@jiaohao/shared/testing';
import { FakeSocket } from '@jiaohao/web/testing';
import { App } from '../App';
import { ApiError } from '../connection/api';
import { createI18n, type StaffLanguage } from '../i18n/i18n';
import { signedInApi, type SignedInApi } from '../testing/fakes';
import { supervisor } from '../testing/supervisor-fakes';

const clerk: Staff = { id: 'mei', username: 'mei', displayName: '林美', role: 'clerk', active: true };

let socket: FakeSocket;
beforeEach(() => {
  localStorage.clear();
  location.hash = '#/bookings';
  socket = new FakeSocket();
});
afterEach(() => {
  cleanup();
  localStorage.clear();
  location.hash = '';
});

const office = snapshot({
  seq: 1,
  services: [
    service({ id: 'appointment', code: 'R', names: { 'zh-TW': '預約服務', en: 'Appointments' }, sortOrder: 1 }),
    service({ id: 'marriage', code: 'M', names: { 'zh-TW': '結婚登記', en: 'Marriage registration' }, sortOrder: 2 }),
  ],
});

const booking = (over: Partial<Appointment>): Appointment => ({
  id: 'a1',
  code: 'AAAA2222',
  serviceId: 'appointment',
  date: '2024-05-06',
  start: '09:00',
  at: '2024-05-06T01:00:00.000Z',
  name: '王小明',
  contactHint: '0912-***-678',
  language: 'zh-TW',
  channel: 'web',
  state: 'booked',
  createdAt: '2024-05-01T01:00:00.000Z',
  ticketId: null,
  ...over,
});

const offer: BookingOffer = {
  checkIn: true,
  lines: [
    { serviceId: 'appointment', dates: ['2024-05-07', '2024-05-08'] },
    { serviceId: 'marriage', dates: ['2024-05-08'] },
  ],
  settings: { slotMinutes: 15, checkInEarlyMinutes: 30, lateMinutes: 15, retentionDays: 30 },
};
const slots: Slot[] = [
  { start: '09:00', at: '2024-05-07T01:00:00.000Z', left: 0 },
  { start: '09:15', at: '2024-05-07T01:15:00.000Z', left: 2 },
];

const TODAY = '/appointments?date=2024-05-06';
const TOMORROW = '/appointments?date=2024-05-07';
const SLOTS = '/booking/slots?serviceId=appointment&date=2024-05-07';
const NO_SHOWS = '/appointments/no-shows?min=2';

type Post = (path: string, body: unknown) => unknown;
type BookingsApi = SignedInApi & { readonly posts: { path: string; body: unknown }[] };

/** The server's tables: GETs answered from `days` (by date) and the rest; POSTs by `post` (which may throw an ApiError). */
function bookingsApi(staff: Staff, days: Record<string, Appointment[]>, post: Post = () => Promise.reject(new ApiError(404, { code: 'not_found', message: 'not found' }))): BookingsApi {
  const routes: Record<string, unknown> = {
    '/booking/offer': offer,
    [SLOTS]: { slots },
    [NO_SHOWS]: {
      contacts: [
        { contactHint: 'w***@example.com', missed: 2, lastDate: '2024-04-20' },
        { contactHint: '0912-***-678', missed: 3, lastDate: '2024-05-02' },
      ],
    },
  };
  for (const date of ['2024-05-06', '2024-05-07']) routes[`/appointments?date=${date}`] = () => ({ appointments: days[date] ?? [] });
  const posts: { path: string; body: unknown }[] = [];
  return Object.assign(signedInApi(staff, routes), {
    posts,
    post: <T,>(path: string, body?: unknown): Promise<T> => {
      posts.push({ path, body });
      try {
        return Promise.resolve(post(path, body) as T);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  });
}

async function start(api: BookingsApi, lang: StaffLanguage = 'zh-TW') {
  const user = userEvent.setup();
  render(<App i18n={createI18n(lang)} api={api} transport={() => socket} />);
  await screen.findByRole('button', { name: lang === 'en' ? 'Sign out' : '登出' });
  act(() => {
    socket.serverSends('connect');
    socket.serverSends('snapshot', office);
  });
  // The view is loaded when first opened.
  await screen.findByRole('heading', { name: lang === 'en' ? 'Bookings' : '預約' });
  return { user };
}

const refuse = (code: string) => {
  throw new ApiError(409, { code: code as never, message: code });
};
const listRegion = () => screen.getByRole('region', { name: '預約' });
const phoneRegion = () => screen.getByRole('region', { name: '電話預約' });
const rowTexts = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => Array.from(r.querySelectorAll('th, td')).map((c) => c.textContent));
/** The error text a control points at (aria-describedby). */
const errorOf = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.classList.contains('error'))?.textContent ?? null;

async function fillCaller(user: ReturnType<typeof userEvent.setup>) {
  const region = phoneRegion();
  await within(region).findByRole('option', { name: '09:15（尚餘 2 位）' });
  await user.selectOptions(within(region).getByLabelText('時段'), '09:15');
  await user.type(within(region).getByLabelText('姓名'), '陳大文');
  await user.type(within(region).getByLabelText('電話號碼'), '0922-111-333');
}

describe('the day’s bookings', () => {
  it('is in the navigation for a clerk and lists today’s bookings by slot, with a Cancel on each one still booked', async () => {
    const api = bookingsApi(clerk, {
      '2024-05-06': [
        booking({ id: 'b2', code: 'BBBB3333', start: '10:00', name: '李四', channel: 'staff', contactHint: 'l***@example.com', state: 'checked_in' }),
        booking({ id: 'b1' }),
      ],
    });
    await start(api);
    expect(screen.getByRole('link', { name: '預約' }).getAttribute('aria-current')).toBe('page');
    const table = await within(listRegion()).findByRole('table', { name: '2024-05-06 的預約（2 筆，依時段）' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['時段', '預約代碼', '業務', '姓名', '聯絡方式', '預約方式', '狀態', '操作']);
    expect(rowTexts(table)).toEqual([
      ['09:00', 'AAAA-2222', '預約服務', '王小明', '0912-***-678', '網路', '已預約', '取消預約'],
      ['10:00', 'BBBB-3333', '預約服務', '李四', 'l***@example.com', '電話', '已報到', ''],
    ]);
    expect(within(table).getAllByRole('button').map((b) => b.getAttribute('aria-label'))).toEqual(['取消預約 AAAA-2222（王小明）']);
    expect((screen.getByLabelText('日期') as HTMLInputElement).value).toBe('2024-05-06');
    // A clerk does not see, nor ask for, the no-shows.
    expect(screen.queryByRole('heading', { name: '多次未到的聯絡方式' })).toBeNull();
    expect(api.gets).not.toContain(NO_SHOWS);
  });

  it('reads another date when one is chosen, and says when a day has none', async () => {
    const api = bookingsApi(clerk, { '2024-05-06': [booking({})] });
    await start(api);
    await within(listRegion()).findByRole('table');
    // A date field is set whole, as the browser's date picker does.
    fireEvent.change(screen.getByLabelText('日期'), { target: { value: '2024-05-07' } });
    expect(await within(listRegion()).findByText('2024-05-07 沒有預約。')).toBeTruthy();
    expect(api.gets).toContain(TOMORROW);
  });

  it('says in words when the bookings cannot be read', async () => {
    const api = bookingsApi(clerk, {});
    Object.assign(api, { get: () => Promise.reject(new ApiError(0, null)) });
    await start(api);
    const said = await within(listRegion()).findByText(/^無法讀取預約：目前沒有連線/);
    expect(said.closest('[role="alert"]')).toBeTruthy();
  });
});

describe('booking for a caller', () => {
  it('offers the bookable lines and dates, lists full slots as full, and shows the code large once booked', async () => {
    const days: Record<string, Appointment[]> = {};
    const made = booking({ id: 'new', code: 'K7Q4M2PX', date: '2024-05-07', start: '09:15', name: '陳大文', channel: 'staff', contactHint: '0922-***-333' });
    const api = bookingsApi(clerk, days, (path) => {
      expect(path).toBe('/appointments');
      days['2024-05-07'] = [made];
      return { appointment: made, manageToken: 'secret' };
    });
    const { user } = await start(api);
    const region = phoneRegion();
    const line = await within(region).findByLabelText('業務');
    expect(within(line).getAllByRole('option').map((o) => o.textContent)).toEqual(['預約服務', '結婚登記']);
    expect(within(within(region).getByLabelText('預約日期')).getAllByRole('option').map((o) => o.textContent)).toEqual(['2024-05-07（週二）', '2024-05-08（週三）']);
    const full = (await within(region).findByRole('option', { name: '09:00（已額滿）' })) as HTMLOptionElement;
    expect(full.disabled).toBe(true);

    await fillCaller(user);
    await user.click(within(region).getByRole('button', { name: '預約' }));

    expect(api.posts).toEqual([{ path: '/appointments', body: { serviceId: 'appointment', date: '2024-05-07', start: '09:15', name: '陳大文', phone: '0922-111-333' } }]);
    const done = await within(region).findByRole('region', { name: '預約完成' });
    expect(within(done).getByText('K7Q4-M2PX').className).toBe('bookings-code');
    expect(document.activeElement).toBe(within(done).getByRole('heading', { name: '預約完成' }));
    expect(done.textContent).toContain('2024-05-07 09:15，預約服務，預約代碼 K7Q4-M2PX。請於時段前 30 分鐘內');
    // The list moves to the booking's day and shows its row.
    const table = await within(listRegion()).findByRole('table', { name: /^2024-05-07 的預約/ });
    expect(rowTexts(table)).toEqual([['09:15', 'K7Q4-M2PX', '預約服務', '陳大文', '0922-***-333', '電話', '已預約', '取消預約']]);
    // The places changed: the slots are read again.
    expect(api.reads(SLOTS)).toBe(2);

    await user.click(within(done).getByRole('button', { name: '再登記一筆' }));
    expect((within(phoneRegion()).getByLabelText('姓名') as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['slot_full', '時段', 'bookings.refusal.slot_full', '這個時段已經額滿，請選另一個時段。'],
    ['already_booked', '電話號碼', 'bookings.refusal.already_booked', '這個電話號碼或電子郵件當天已經有預約（每人每天限一筆）。'],
    ['booking_closed', '預約日期', 'bookings.refusal.booking_closed', '這一天現在不能預約（已過截止時間、不在可預約的期間內，或已停止受理）。請選另一天。'],
  ])('says a %s refusal in words beside the %s field', async (code, field, _key, words) => {
    const api = bookingsApi(clerk, {}, () => refuse(code));
    const { user } = await start(api);
    await fillCaller(user);
    await user.click(within(phoneRegion()).getByRole('button', { name: '預約' }));
    const said = await within(phoneRegion()).findByText(words);
    expect(said.getAttribute('role')).toBe('alert');
    const control = within(phoneRegion()).getByLabelText(field);
    expect(errorOf(control)).toBe(words);
    expect(control.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(control);
    // Nothing is shown as booked.
    expect(within(phoneRegion()).queryByRole('region', { name: '預約完成' })).toBeNull();
  });

  it('shows each problem beside its field, sends nothing, and moves the focus to the first', async () => {
    const api = bookingsApi(clerk, {});
    const { user } = await start(api);
    const region = phoneRegion();
    await within(region).findByRole('option', { name: '09:15（尚餘 2 位）' });
    await user.type(within(region).getByLabelText('電話號碼'), '12');
    await user.click(within(region).getByRole('button', { name: '預約' }));
    expect(api.posts).toEqual([]);
    expect(within(region).getByText('有 3 個欄位需要修正，請看標示的欄位。')).toBeTruthy();
    expect(errorOf(within(region).getByLabelText('時段'))).toBe('請選擇時段。');
    expect(errorOf(within(region).getByLabelText('姓名'))).toBe('請輸入民眾的姓名。');
    expect(errorOf(within(region).getByLabelText('電話號碼'))).toBe('請輸入電話號碼，例如 0912-345-678。');
    expect(document.activeElement).toBe(within(region).getByLabelText('時段'));

    // By e-mail instead: the field and its check follow.
    await user.click(within(region).getByLabelText('電子郵件'));
    await user.type(within(region).getByLabelText('電子郵件地址'), 'wang@');
    await user.click(within(region).getByRole('button', { name: '預約' }));
    expect(errorOf(within(region).getByLabelText('電子郵件地址'))).toBe('請輸入電子郵件地址，例如 name@example.com。');
    expect(api.posts).toEqual([]);
  });

  it('says so when no line takes bookings', async () => {
    const api = bookingsApi(clerk, {});
    Object.assign(api, { get: (path: string) => Promise.resolve(path === '/booking/offer' ? { ...offer, lines: [] } : { appointments: [], contacts: [] }) });
    await start(api);
    expect(await within(phoneRegion()).findByText('目前沒有開放預約的業務。')).toBeTruthy();
  });
});

describe('cancelling a booking', () => {
  it('asks first, then cancels, says so and reads the list again', async () => {
    const days: Record<string, Appointment[]> = { '2024-05-06': [booking({})] };
    const api = bookingsApi(clerk, days, (path) => {
      expect(path).toBe('/appointments/a1/cancel');
      days['2024-05-06'] = [booking({ state: 'cancelled' })];
      return booking({ state: 'cancelled' });
    });
    const { user } = await start(api);
    const table = await within(listRegion()).findByRole('table');
    const button = within(table).getByRole('button', { name: '取消預約 AAAA-2222（王小明）' });

    // Keeping it sends nothing and gives the focus back.
    await user.click(button);
    await user.click(within(screen.getByRole('dialog', { name: '取消這筆預約？' })).getByRole('button', { name: '不取消' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(api.posts).toEqual([]);

    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: '取消這筆預約？' });
    expect(dialog.textContent).toContain('2024-05-06 09:00，預約服務，王小明（預約代碼 AAAA-2222）');
    await user.click(within(dialog).getByRole('button', { name: '確定取消' }));
    expect(await within(listRegion()).findByText('已取消預約 AAAA-2222。')).toBeTruthy();
    expect(api.posts).toEqual([{ path: '/appointments/a1/cancel', body: undefined }]);
    const after = await within(listRegion()).findByRole('cell', { name: '已取消' });
    expect(within(after.closest('tr')!).queryByRole('button')).toBeNull();
    expect(api.reads(TODAY)).toBe(2);
  });

  it('says in words when the booking was no longer booked, and shows the list as it is now', async () => {
    const api = bookingsApi(clerk, { '2024-05-06': [booking({})] }, () => refuse('booking_not_active'));
    const { user } = await start(api);
    await user.click(await within(listRegion()).findByRole('button', { name: /^取消預約 AAAA-2222/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '確定取消' }));
    expect((await within(listRegion()).findByText(/這筆預約已不是「已預約」/)).closest('[role="alert"]')).toBeTruthy();
    expect(api.reads(TODAY)).toBe(2);
  });
});

describe('repeated no-shows', () => {
  it('are listed for a supervisor, most missed first, with the office’s policy left to the office', async () => {
    const api = bookingsApi(supervisor, {});
    await start(api);
    const region = screen.getByRole('region', { name: '多次未到的聯絡方式' });
    expect(region.textContent).toContain('至少 2 次');
    const table = await within(region).findByRole('table', { name: '多次未到（2 個聯絡方式）' });
    expect(rowTexts(table)).toEqual([
      ['0912-***-678', '3', '2024-05-02'],
      ['w***@example.com', '2', '2024-04-20'],
    ]);
    expect(api.gets).toContain(NO_SHOWS);
  });
});

describe('in English', () => {
  it('says the same in English', async () => {
    const api = bookingsApi(clerk, { '2024-05-06': [booking({})] });
    await start(api, 'en');
    expect(screen.getByRole('link', { name: 'Bookings' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Bookings on 2024-05-06 (1, by time)' });
    expect(rowTexts(table)[0]).toEqual(['09:00', 'AAAA-2222', 'Appointments', '王小明', '0912-***-678', 'Web', 'Booked', 'Cancel']);
    expect(await screen.findByRole('region', { name: 'Book for a caller' })).toBeTruthy();
    expect(await screen.findByRole('option', { name: '09:00 (full)' })).toBeTruthy();
  });
});
