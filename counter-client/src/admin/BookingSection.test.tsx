// The admin's booking settings (預約設定) as an admin uses them, through the whole app against a fake
// server (REST and the socket faked; the store, the reducer and every component real): the settings
// read into the form, a change saved as a patch of that field alone, problems beside their fields
// with nothing sent, a refusal beside its field, and the lateness limit explained.
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { service, snapshot } from '@jiaohao/shared/testing';
import { DEFAULT_BOOKING_SETTINGS, type BookingSettings } from '@jiaohao/shared/schemas';
import { FakeSocket } from '@jiaohao/web/testing';
import { App } from '../App';
import { ApiError } from '../connection/api';
import { createI18n } from '../i18n/i18n';
import { adminApi, adminStaff, FakeServer, type AdminApi } from '../testing/admin-fakes';

let socket: FakeSocket;
beforeEach(() => {
  localStorage.clear();
  location.hash = '#/admin';
  socket = new FakeSocket();
});
afterEach(() => {
  cleanup();
  location.hash = '';
});

const office = () =>
  snapshot({
    seq: 10,
    services: [
      service({ id: 'household', code: 'A', names: { 'zh-TW': '戶籍登記' }, allowAppointment: false, sortOrder: 1 }),
      service({ id: 'marriage', code: 'M', names: { 'zh-TW': '結婚登記' }, allowAppointment: true, sortOrder: 2 }),
      service({ id: 'appointment', code: 'R', names: { 'zh-TW': '預約服務' }, allowAppointment: true, sortOrder: 3 }),
    ],
  });

const settings: BookingSettings = { ...DEFAULT_BOOKING_SETTINGS, lines: [{ serviceId: 'marriage', maxDaysAhead: 30, capacityPerSlot: null }] };

type Patch = (body: unknown) => unknown;

async function start(patch: Patch = (body) => ({ ...settings, ...(body as object) })) {
  const patches: unknown[] = [];
  const api: AdminApi = Object.assign(adminApi(adminStaff, { '/booking/settings': settings }), {
    patch: <T,>(path: string, body: unknown): Promise<T> => {
      expect(path).toBe('/booking/settings');
      patches.push(body);
      try {
        return Promise.resolve(patch(body) as T);
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
    },
  });
  const user = userEvent.setup();
  render(<App i18n={createI18n('zh-TW')} api={api} transport={() => socket} />);
  await screen.findByRole('heading', { name: '系統管理' });
  act(() => {
    new FakeServer(socket, office());
  });
  await user.click(await screen.findByRole('tab', { name: '預約設定' }));
  const panel = screen.getByRole('tabpanel', { name: '預約設定' });
  await within(panel).findByRole('table', { name: '可預約的業務與各自的上限' });
  return { api, user, panel, patches };
}

const errorBeside = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.classList.contains('error'))?.textContent ?? null;
const hintBeside = (control: HTMLElement) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.classList.contains('hint'))?.textContent ?? null;

describe('the booking settings', () => {
  it('shows the settings read from the server, the lines that allow appointments with their own limits', async () => {
    const { panel } = await start();
    const input = (label: string) => within(panel).getByLabelText(label) as HTMLInputElement;
    expect((within(panel).getByLabelText('受理預約（網路與電話）') as HTMLInputElement).checked).toBe(true);
    const table = within(panel).getByRole('table', { name: '可預約的業務與各自的上限' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['結婚登記', '預約服務']);
    expect((within(table).getByLabelText('結婚登記：受理預約') as HTMLInputElement).checked).toBe(true);
    expect((within(table).getByLabelText('預約服務：受理預約') as HTMLInputElement).checked).toBe(false);
    expect(input('結婚登記：最遠可預約幾天後').value).toBe('30');
    expect(input('結婚登記：每時段人數').placeholder).toBe('全所：2');
    expect(input('每個時段長度（分鐘）').value).toBe('15');
    expect(input('截止時間（前一天）').value).toBe('15:00');
    expect(input('遲到上限（分鐘）').value).toBe('15');
    // The lateness limit says what happens past it.
    expect(hintBeside(input('遲到上限（分鐘）'))).toContain('就改發一般號碼牌');
    expect((within(panel).getByLabelText('假日') as HTMLInputElement).checked).toBe(true);
    expect((within(panel).getByLabelText('中午') as HTMLInputElement).checked).toBe(false);
  });

  it('saves a changed slot length as a patch of that field alone, and says so', async () => {
    const { user, panel, patches } = await start();
    const slot = within(panel).getByLabelText('每個時段長度（分鐘）');
    await user.clear(slot);
    await user.type(slot, '20');
    await user.click(within(panel).getByRole('button', { name: '儲存預約設定' }));
    expect(await within(panel).findByText('預約設定已儲存。')).toBeTruthy();
    expect(patches).toEqual([{ slotMinutes: 20 }]);
    expect((within(panel).getByLabelText('每個時段長度（分鐘）') as HTMLInputElement).value).toBe('20');

    // Saving again with nothing changed sends nothing.
    await user.click(within(panel).getByRole('button', { name: '儲存預約設定' }));
    expect(await within(panel).findByText('沒有任何變更，不需要儲存。')).toBeTruthy();
    expect(patches).toHaveLength(1);
  });

  it('takes a line with its own capacity, sending the lines whole', async () => {
    const { user, panel, patches } = await start();
    await user.click(within(panel).getByLabelText('預約服務：受理預約'));
    await user.type(within(panel).getByLabelText('預約服務：每時段人數'), '4');
    await user.click(within(panel).getByRole('button', { name: '儲存預約設定' }));
    await within(panel).findByText('預約設定已儲存。');
    expect(patches).toEqual([
      {
        lines: [
          { serviceId: 'marriage', maxDaysAhead: 30, capacityPerSlot: null },
          { serviceId: 'appointment', maxDaysAhead: null, capacityPerSlot: 4 },
        ],
      },
    ]);
  });

  it('shows each problem beside its field, sends nothing, and moves the focus to the first', async () => {
    const { user, panel, patches } = await start();
    const slot = within(panel).getByLabelText('每個時段長度（分鐘）');
    await user.clear(slot);
    await user.type(slot, '3');
    const cutoff = within(panel).getByLabelText('截止時間（前一天）');
    await user.clear(cutoff);
    await user.type(cutoff, '3pm');
    await user.click(within(panel).getByLabelText('一般'));
    await user.click(within(panel).getByLabelText('假日'));
    await user.click(within(panel).getByRole('button', { name: '儲存預約設定' }));
    expect(patches).toEqual([]);
    expect(within(panel).getByText('有 3 個欄位需要修正，請看標示的欄位。')).toBeTruthy();
    expect(errorBeside(slot)).toBe('請輸入 5 到 120 之間的整數。');
    expect(errorBeside(cutoff)).toBe('請輸入時間，例如 15:00；留空表示不截止。');
    expect(within(panel).getByText('請至少選擇一項。')).toBeTruthy();
    expect(document.activeElement).toBe(slot);
  });

  it('puts the server’s refusal beside the field it names', async () => {
    const { user, panel } = await start(() => {
      throw new ApiError(400, { code: 'validation_failed', message: '/retentionDays: must be <= 365', details: [{ path: '/retentionDays' }] });
    });
    const keep = within(panel).getByLabelText('保存天數');
    await user.clear(keep);
    await user.type(keep, '60');
    await user.click(within(panel).getByRole('button', { name: '儲存預約設定' }));
    const said = await within(panel).findByRole('alert');
    expect(said.textContent).toBe('輸入的內容不正確：must be <= 365');
    expect(errorBeside(keep)).toBe('輸入的內容不正確：must be <= 365');
  });
});
