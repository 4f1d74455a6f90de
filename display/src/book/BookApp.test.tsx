import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '@jiaohao/shared/schemas';
import { httpApi } from './api';
import { BookApp } from './BookApp';
import { createBookI18n } from './i18n';
import { fakeServer, MANAGE_TOKEN } from './test-server';

afterEach(cleanup);

function setup(lang: Language = 'zh-TW') {
  const server = fakeServer();
  const remembered: Language[] = [];
  const i18n = createBookI18n(lang);
  render(<BookApp i18n={i18n} api={httpApi(server.fetch)} remember={(l) => remembered.push(l)} origin="https://queue.example.gov.tw" />);
  return { server, remembered, user: userEvent.setup() };
}

/** Picks the line, the first day and the 09:30 slot, and fills in a name and a phone number. */
async function fillIn(user: ReturnType<typeof userEvent.setup>, { phone = '0912-345-678' } = {}) {
  await user.click(await screen.findByRole('radio', { name: '預約服務' }));
  await user.click(screen.getByRole('radio', { name: '12月2日 週三' }));
  await user.click(await screen.findByRole('radio', { name: /09:30–09:45/ }));
  await user.type(screen.getByRole('textbox', { name: '姓名' }), '王小明');
  await user.type(screen.getByRole('textbox', { name: '電話號碼' }), phone);
}

const submit = (user: ReturnType<typeof userEvent.setup>) => user.click(screen.getByRole('button', { name: '確認預約' }));

/** The text of the elements `el` is described by. */
const description = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('the booking page', () => {
  it('offers the bookable lines by name, their days with the weekday, and the slots with places left (a full one not choosable)', async () => {
    const { server, user } = setup();
    expect(await screen.findByRole('heading', { name: '網路預約', level: 1 })).toBeTruthy();
    expect(screen.getByText('臺中市北區戶政事務所')).toBeTruthy();
    const lines = screen.getByRole('group', { name: '辦理業務' });
    expect(within(lines).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual(['預約服務', '結婚登記']);
    // No day and no slot before a line is chosen.
    expect(screen.queryByRole('group', { name: '日期' })).toBeNull();

    await user.click(screen.getByRole('radio', { name: '結婚登記' }));
    const days = screen.getByRole('group', { name: '日期' });
    expect(within(days).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual(['12月2日 週三', '12月5日 週六']);

    await user.click(screen.getByRole('radio', { name: '12月5日 週六' }));
    const slots = await screen.findByRole('group', { name: '時段' });
    await within(slots).findByRole('radio', { name: '09:00–09:15 尚餘 2 位' });
    const full = within(slots).getByRole('radio', { name: '09:15–09:30 已額滿' }) as HTMLInputElement;
    expect(full.disabled).toBe(true);
    expect(server.calls.find((c) => c.path === '/api/v1/public/booking/slots')).toBeTruthy();
    expect(screen.getByText('您的姓名和聯絡方式只用於這次預約，並在預約日期後 30 天刪除。')).toBeTruthy();
    // Every request leaves cookies out: no staff session rides along.
    expect(new Set(server.calls.map((c) => c.credentials))).toEqual(new Set(['omit']));
  });

  it('books with one contact and shows the code, its QR code, the details, what to do on the day and the manage link', async () => {
    const { server, user } = setup();
    await fillIn(user);
    await submit(user);

    expect(await screen.findByRole('heading', { name: '預約完成', level: 1 })).toBeTruthy();
    const post = server.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ serviceId: 'appointment', date: '2026-12-02', start: '09:30', name: '王小明', phone: '0912-345-678', language: 'zh-TW' });
    expect(screen.getByText('K7Q4-M2PX')).toBeTruthy();
    const qr = await screen.findByRole('img', { name: '預約代碼 K7Q4-M2PX 的 QR Code' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const facts = Object.fromEntries(screen.getAllByRole('term').map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(facts).toMatchObject({ 日期: '12月2日週三', 時段: '09:30–09:45', 業務: '預約服務', 姓名: '王小明' });
    expect(screen.getByText('請在預約時間前 30 分鐘內到取號機，輸入預約代碼或掃描這個 QR Code 報到。')).toBeTruthy();
    expect(screen.getByText('晚到超過 15 分鐘，會改發一般號碼，依序等候。')).toBeTruthy();
    const link = screen.getByRole('link', { name: `https://queue.example.gov.tw/book/m/${MANAGE_TOKEN}` });
    expect(link.getAttribute('href')).toBe(`/book/m/${MANAGE_TOKEN}`);
    expect(screen.getByText(/請把下面的連結加入書籤/)).toBeTruthy();
    expect(document.title).toBe('預約完成');
  });

  it('shows each problem beside its field, marked invalid and described by it, and the focus goes to the first', async () => {
    const { server, user } = setup();
    await screen.findByRole('radio', { name: '預約服務' });
    await submit(user);
    const lineRadio = screen.getByRole('radio', { name: '預約服務' });
    expect(lineRadio.getAttribute('aria-invalid')).toBe('true');
    expect(description(screen.getByRole('group', { name: '辦理業務' }))).toBe('請選擇要辦理的業務。');
    expect(document.activeElement).toBe(lineRadio);

    await fillIn(user, { phone: '12ab' });
    await user.clear(screen.getByRole('textbox', { name: '姓名' }));
    await submit(user);
    const name = screen.getByRole('textbox', { name: '姓名' });
    const phone = screen.getByRole('textbox', { name: '電話號碼' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(description(name)).toBe('請填寫姓名。');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(description(phone)).toBe('手機或市話，例如 0912-345-678 這個電話號碼看起來不完整，請只填數字（可以加 - 或空格），例如 0912-345-678。');
    expect(document.activeElement).toBe(name);
    expect(screen.getByText('還有欄位需要修改，請看標示的地方。')).toBeTruthy();

    // E-mail instead: only the e-mail is asked for, and checked.
    await user.type(name, '王小明');
    expect(name.getAttribute('aria-invalid')).toBeNull();
    await user.click(screen.getByRole('radio', { name: '電子郵件' }));
    expect(screen.queryByRole('textbox', { name: '電話號碼' })).toBeNull();
    const email = screen.getByRole('textbox', { name: '電子郵件地址' });
    await user.type(email, 'not-an-address');
    await submit(user);
    expect(description(email)).toContain('這個電子郵件地址看起來不對');
    expect(server.count('POST', '/api/v1/public/appointments')).toBe(0);

    await user.clear(email);
    await user.type(email, 'wang@example.com');
    await submit(user);
    await screen.findByRole('heading', { name: '預約完成' });
    const body = server.calls.find((c) => c.method === 'POST')?.body as Record<string, unknown>;
    expect(body.email).toBe('wang@example.com');
    expect(body).not.toHaveProperty('phone');
  });

  it('a slot taken meanwhile: says so, reloads the slots and offers to choose another', async () => {
    const { server, user } = setup();
    await fillIn(user);
    server.bookAnswer = { status: 409, code: 'slot_full' };
    const before = server.count('GET', '/api/v1/public/booking/slots');
    server.slots = server.slots.map((s) => (s.start === '09:30' ? { ...s, left: 0 } : s));
    await submit(user);

    expect((await screen.findByRole('alert')).textContent).toContain('這個時段剛剛額滿了，預約沒有成立。時段已經重新整理，請選擇其他時段。');
    expect(server.count('GET', '/api/v1/public/booking/slots')).toBe(before + 1);
    const taken = (await screen.findByRole('radio', { name: '09:30–09:45 已額滿' })) as HTMLInputElement;
    expect(taken.disabled).toBe(true);
    expect(screen.getAllByRole('radio', { checked: true }).map((r) => (r as HTMLInputElement).name)).not.toContain('start');

    await user.click(screen.getByRole('button', { name: '重新選擇時段' }));
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: '09:00–09:15 尚餘 2 位' }));
    server.bookAnswer = null;
    await user.click(screen.getByRole('radio', { name: '09:00–09:15 尚餘 2 位' }));
    await submit(user);
    await screen.findByRole('heading', { name: '預約完成' });
  });

  it('one booking per person per day: says so plainly', async () => {
    const { server, user } = setup();
    await fillIn(user);
    server.bookAnswer = { status: 409, code: 'already_booked' };
    await submit(user);
    expect((await screen.findByRole('alert')).textContent).toBe('您這一天已經有一筆預約（每人每天只能預約一次）。如要改時段，請先用原預約的管理連結取消。');
    // Nothing of the server's own English.
    expect(screen.queryByText(/server says/)).toBeNull();
  });

  it('a day closed meanwhile: says so, asks for the offer again and lets the resident choose another day', async () => {
    const { server, user } = setup();
    await fillIn(user);
    server.bookAnswer = { status: 409, code: 'booking_closed' };
    server.offer = { ...server.offer, lines: [{ serviceId: 'appointment', dates: ['2026-12-03'] }] };
    await submit(user);
    expect((await screen.findByRole('alert')).textContent).toBe('這一天已經截止預約，預約沒有成立。請選擇其他日期。');
    expect(server.count('GET', '/api/v1/public/booking')).toBe(2);
    const days = await screen.findByRole('group', { name: '日期' });
    await waitFor(() => expect(within(days).getAllByRole('radio').map((r) => r.closest('label')?.textContent)).toEqual(['12月3日 週四']));
    expect(screen.queryByRole('group', { name: '時段' })).toBeNull();
    // What the resident typed stays.
    expect((screen.getByRole('textbox', { name: '姓名' }) as HTMLInputElement).value).toBe('王小明');
  });

  it('no network while booking: says nothing was sent', async () => {
    const { server, user } = setup();
    await fillIn(user);
    server.bookAnswer = 'offline';
    await submit(user);
    expect((await screen.findByRole('alert')).textContent).toBe('目前沒有網路連線，預約沒有送出。連線恢復後請再試一次。');
  });

  it('cannot reach the office: says so and tries again on request', async () => {
    const server = fakeServer();
    server.down = true;
    const user = userEvent.setup();
    render(<BookApp i18n={createBookI18n('zh-TW')} api={httpApi(server.fetch)} remember={() => undefined} origin="https://x.test" />);
    expect((await screen.findByRole('alert')).textContent).toContain('目前連不上戶政事務所的系統');
    server.down = false;
    await user.click(screen.getByRole('button', { name: '再試一次' }));
    expect(await screen.findByRole('radio', { name: '預約服務' })).toBeTruthy();
  });

  it('in English from the switch, remembered on the phone; the booking is made in that language', async () => {
    const { server, remembered, user } = setup();
    await screen.findByRole('radio', { name: '預約服務' });
    await user.selectOptions(screen.getByRole('combobox', { name: '語言' }), 'en');
    expect(remembered).toEqual(['en']);
    expect(await screen.findByRole('heading', { name: 'Book an appointment' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Appointments' }));
    await user.click(screen.getByRole('radio', { name: 'December 2 Wed' }));
    await user.click(await screen.findByRole('radio', { name: '09:00–09:15 2 left' }));
    expect(screen.getByRole('radio', { name: '09:15–09:30 Full' })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Ann Lee');
    await user.click(screen.getByRole('radio', { name: 'E-mail' }));
    await user.type(screen.getByRole('textbox', { name: 'E-mail address' }), 'ann@example.com');
    expect(screen.getByText('Your name and contact are kept only for this booking and deleted 30 days after its date.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Book' }));
    expect(await screen.findByRole('heading', { name: 'You are booked' })).toBeTruthy();
    expect((server.calls.find((c) => c.method === 'POST')?.body as { language: string }).language).toBe('en');
    expect(await screen.findByRole('img', { name: 'QR code of booking code K7Q4-M2PX' })).toBeTruthy();
  });
});
