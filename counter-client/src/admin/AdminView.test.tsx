// The admin's settings as an admin uses them, against a fake server (the socket and REST are
// faked; the store, the reducer and every component are real).
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { counter, displaySettings, office as officeOf, service, snapshot } from '@jiaohao/shared/testing';
import type { Counter, Device, Office, Service, Staff } from '@jiaohao/shared/schemas';
import { App } from '../App';
import { ApiError } from '../connection/api';
import { createI18n } from '../i18n/i18n';
import { FakeSocket } from '@jiaohao/web/testing';
import { adminApi, adminStaff, FakeServer, refused, type AdminApi } from '../testing/admin-fakes';

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

const household = service({ id: 'household', code: 'A', names: { 'zh-TW': '戶籍登記', en: 'Household registration' }, sortOrder: 1 });
const passport = service({ id: 'passport', code: 'B', names: { 'zh-TW': '護照' }, numbering: { start: 2001, end: 2999, digits: 4, prefix: '', onExhausted: 'refuse' }, sortOrder: 2 });
const office = () =>
  snapshot({
    seq: 10,
    services: [household, passport],
    counters: [counter({ id: 'c1', number: 1, names: { 'zh-TW': '1號櫃台' }, serviceIds: ['household'], staffId: null, status: 'closed' })],
  });

async function start(
  routes: Record<string, unknown> = {},
  lang: 'zh-TW' | 'en' = 'zh-TW',
  state: () => ReturnType<typeof snapshot> = office,
): Promise<{ api: AdminApi; server: FakeServer; user: ReturnType<typeof userEvent.setup> }> {
  const api = adminApi(adminStaff, routes);
  const user = userEvent.setup();
  render(<App i18n={createI18n(lang)} api={api} transport={() => socket} />);
  await screen.findByRole('heading', { name: lang === 'en' ? 'Administration' : '系統管理' });
  let server!: FakeServer;
  act(() => {
    server = new FakeServer(socket, state());
  });
  // The snapshot has reached the views (a loaded machine may take a moment to render them).
  await screen.findAllByText(lang === 'en' ? 'Household registration' : '戶籍登記');
  return { api, server, user };
}

const panel = (name: string) => screen.getByRole('tabpanel', { name });

/** The error shown beside a control (what its aria-describedby points to, that is an error). */
function errorBeside(control: HTMLElement): HTMLElement | null {
  const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
  return ids.map((id) => document.getElementById(id)).find((el): el is HTMLElement => el?.classList.contains('error') ?? false) ?? null;
}

describe('the admin view', () => {
  it('is a tab list the keyboard alone can move through', async () => {
    const { user } = await start();
    const tabs = within(screen.getByRole('tablist', { name: '管理項目' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['業務', '櫃台', '人員帳號', '裝置', '預約設定', '事務所']);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    await user.click(tabs[0]!);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tabs[1]);
    expect(screen.getByRole('tabpanel', { name: '櫃台' })).toBeTruthy();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: '事務所' }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tabs[0]);
  });

  it('lists the services live from the office state, as a table with a caption', async () => {
    const { server } = await start();
    const table = within(panel('業務')).getByRole('table', { name: '業務列表（依排列順序）' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['戶籍登記', '護照']);
    act(() => {
      server.broadcast('service:updated', { service: { ...passport, names: { 'zh-TW': '護照申請' }, sortOrder: 0 } });
    });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['護照申請', '戶籍登記']);
  });
});

describe('services', () => {
  it('creating one sends service:create with every field, previews its numbers, and shows it once the server has it', async () => {
    const { server, user } = await start();
    const p = panel('業務');
    await user.click(within(p).getByRole('button', { name: '新增業務' }));
    const editor = within(p).getByRole('region', { name: '新增業務' });
    expect(document.activeElement).toBe(within(editor).getByRole('heading', { name: '新增業務' }));
    const form = within(editor);
    await user.type(form.getByLabelText('識別碼'), 'marriage');
    await user.type(form.getByLabelText('代碼'), 'C');
    await user.type(form.getByLabelText('名稱（繁體中文）（必填）'), '結婚登記');
    await user.type(form.getByLabelText('名稱（English）'), 'Marriage');

    // The first free thousand, and a preview from the shared numbering rule.
    const normal = within(form.getByRole('group', { name: '一般號碼' }));
    expect((normal.getByLabelText('起號') as HTMLInputElement).value).toBe('3001');
    expect(normal.getByRole('status').textContent).toContain('最先發出：3001、3002、3003');
    await user.clear(normal.getByLabelText('起號'));
    await user.type(normal.getByLabelText('起號'), '1');
    await user.clear(normal.getByLabelText('迄號'));
    await user.type(normal.getByLabelText('迄號'), '300');
    await user.clear(normal.getByLabelText('位數'));
    await user.type(normal.getByLabelText('位數'), '3');
    await user.type(normal.getByLabelText('字首（大寫英文，可空白）'), 'c');
    await user.selectOptions(normal.getByLabelText('號碼用完時'), '從起號重新開始');
    expect(normal.getByRole('status').textContent).toBe('最先發出：C001、C002、C003 最後一號 C300，之後從 C001 重新開始（一輪 300 個號碼）。');

    // Priority tickets get their own series.
    const priority = within(form.getByRole('group', { name: '愛心號碼' }));
    expect(priority.queryByLabelText('起號')).toBeNull();
    await user.click(priority.getByLabelText('愛心號使用另一組號碼'));
    await user.clear(priority.getByLabelText('起號'));
    await user.type(priority.getByLabelText('起號'), '1');
    await user.clear(priority.getByLabelText('迄號'));
    await user.type(priority.getByLabelText('迄號'), '99');
    await user.clear(priority.getByLabelText('位數'));
    await user.type(priority.getByLabelText('位數'), '2');
    expect(priority.getByRole('status').textContent).toContain('P01、P02、P03');

    await user.clear(form.getByLabelText('目標等候時間（分鐘）'));
    await user.type(form.getByLabelText('目標等候時間（分鐘）'), '30');
    await user.type(form.getByLabelText('每日發號上限'), '150');
    await user.type(form.getByLabelText('應備文件（繁體中文）'), '雙方身分證{Enter}戶口名簿{Enter}');
    await user.type(form.getByLabelText('應備文件（English）'), 'ID cards');
    await user.click(form.getByLabelText('可預約'));

    const created = { ...household, id: 'marriage', code: 'C', names: { 'zh-TW': '結婚登記', en: 'Marriage' }, sortOrder: 3 } as Service;
    server.on('service:create', () => {
      server.broadcast('service:updated', { service: created });
      return { ok: true, data: created };
    });
    await user.click(form.getByRole('button', { name: '建立' }));

    expect(server.sent('service:create')).toEqual([
      {
        id: 'marriage',
        code: 'C',
        names: { 'zh-TW': '結婚登記', en: 'Marriage' },
        numbering: { start: 1, end: 300, digits: 3, prefix: 'C', onExhausted: 'wrap' },
        priorityNumbering: { start: 1, end: 99, digits: 2, prefix: 'P', onExhausted: 'refuse' },
        appointmentNumbering: null,
        targetWaitMinutes: 30,
        targetHandlingMinutes: 10,
        documents: { 'zh-TW': ['雙方身分證', '戶口名簿'], en: ['ID cards'] },
        dailyCap: 150,
        allowPriority: true,
        allowAppointment: true,
        active: true,
        sortOrder: 3,
      },
    ]);
    expect(await within(p).findByText('已儲存業務「結婚登記」。')).toBeTruthy();
    expect(within(p).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['戶籍登記', '護照', '結婚登記']);
    // Back on the list, the focus is where it was: the button that opened the form.
    expect(document.activeElement).toBe(within(p).getByRole('button', { name: '新增業務' }));
  });

  it('a refusal appears beside the field it concerns, as an alert, and the focus goes there', async () => {
    const { server, user } = await start();
    const p = panel('業務');
    await user.click(within(p).getByRole('button', { name: '新增業務' }));
    const form = within(within(p).getByRole('region', { name: '新增業務' }));
    await user.type(form.getByLabelText('識別碼'), 'marriage');
    await user.type(form.getByLabelText('代碼'), 'A');
    await user.type(form.getByLabelText('名稱（繁體中文）（必填）'), '結婚登記');

    // A duplicate code: the server's conflict goes beside the code.
    server.on('service:create', () => refused('conflict', 'Code A is used by household'));
    await user.click(form.getByRole('button', { name: '建立' }));
    const code = form.getByLabelText('代碼');
    const alert = await waitFor(() => {
      const el = errorBeside(code);
      if (!el) throw new Error('no error beside the code');
      return el;
    });
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('這個代碼已被其他業務使用。');
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(code);

    // A validation refusal with a path goes beside that field (here the normal series' last number).
    server.on('service:create', () => refused('validation_failed', '/numbering/end: Expected integer to be less or equal to 999999'));
    await user.click(form.getByRole('button', { name: '建立' }));
    const end = within(form.getByRole('group', { name: '一般號碼' })).getByLabelText('迄號');
    await waitFor(() => expect(errorBeside(end)?.textContent).toBe('輸入的內容不正確：Expected integer to be less or equal to 999999'));
    expect(errorBeside(code)).toBeNull();

    // A range refusal goes to the number ranges as a whole.
    server.on('service:create', () => refused('invalid_range', 'Number ranges overlap those of household'));
    await user.click(form.getByRole('button', { name: '建立' }));
    const ranges = form.getByRole('group', { name: '號碼範圍' });
    await waitFor(() => expect(errorBeside(ranges)?.textContent).toBe('號碼範圍有問題：Number ranges overlap those of household'));

    // One that names no field goes to the top of the form.
    server.on('service:create', () => refused('forbidden', 'admins only'));
    await user.click(form.getByRole('button', { name: '建立' }));
    expect((await form.findByRole('alert')).textContent).toBe('您沒有權限做這件事。');
  });

  it('what the form can tell itself is said beside each field before anything is sent', async () => {
    const { server, user } = await start();
    const p = panel('業務');
    await user.click(within(p).getByRole('button', { name: '新增業務' }));
    const form = within(within(p).getByRole('region', { name: '新增業務' }));
    await user.clear(form.getByLabelText('目標等候時間（分鐘）'));
    await user.type(form.getByLabelText('目標等候時間（分鐘）'), '0');
    await user.click(form.getByRole('button', { name: '建立' }));
    expect(form.getByRole('alert').textContent).toBe('有 4 個欄位需要修正，請看標示的欄位。');
    expect(errorBeside(form.getByLabelText('識別碼'))?.textContent).toBe('這個欄位必須填寫。');
    expect(errorBeside(form.getByLabelText('目標等候時間（分鐘）'))?.textContent).toBe('請輸入 1 到 600 之間的整數。');
    expect(document.activeElement).toBe(form.getByLabelText('識別碼'));
    expect(server.sent('service:create')).toEqual([]);
  });

  it('editing sends only what changed, as service:update', async () => {
    const { server, user } = await start();
    const p = panel('業務');
    await user.click(within(p).getByRole('button', { name: '編輯：護照' }));
    const form = within(within(p).getByRole('region', { name: '編輯業務：護照' }));
    expect((form.getByLabelText('識別碼') as HTMLInputElement).readOnly).toBe(true);
    await user.click(form.getByLabelText('啟用'));
    await user.type(form.getByLabelText('名稱（Tiếng Việt）'), 'Hộ chiếu');
    server.on('service:update', () => {
      const updated = { ...passport, active: false, names: { 'zh-TW': '護照', vi: 'Hộ chiếu' } };
      server.broadcast('service:updated', { service: updated });
      return { ok: true, data: updated };
    });
    await user.click(form.getByRole('button', { name: '儲存' }));
    expect(server.sent('service:update')).toEqual([{ serviceId: 'passport', names: { 'zh-TW': '護照', vi: 'Hộ chiếu' }, active: false }]);
    expect(await within(p).findByText('已儲存業務「護照」。')).toBeTruthy();
    const row = within(p).getByRole('rowheader', { name: '護照' }).closest('tr')!;
    expect(within(row).getByText('已停用')).toBeTruthy();
  });
});

describe('counters', () => {
  it('creating one: the lines served in order (moved with buttons), 愛心櫃臺 and languages, sent as counter:create', async () => {
    const { server, user } = await start();
    await user.click(screen.getByRole('tab', { name: '櫃台' }));
    const p = panel('櫃台');
    await user.click(within(p).getByRole('button', { name: '新增櫃台' }));
    const form = within(within(p).getByRole('region', { name: '新增櫃台' }));
    expect((form.getByLabelText('櫃台號碼（看板顯示）') as HTMLInputElement).value).toBe('2');
    await user.type(form.getByLabelText('名稱（繁體中文）（必填）'), '2號櫃台');
    const lines = within(form.getByRole('group', { name: '服務的業務（依叫號順序）' }));
    await user.click(lines.getByRole('button', { name: '加入' }));
    await user.selectOptions(lines.getByLabelText('要加入的業務'), '護照');
    await user.click(lines.getByRole('button', { name: '加入' }));
    expect(lines.getByText('所有業務都已加入。')).toBeTruthy();
    await user.click(lines.getByRole('button', { name: '上移「護照」' }));
    expect(lines.getAllByRole('listitem').map((li) => li.querySelector('.served-name')?.textContent)).toEqual(['護照', '戶籍登記']);
    expect(lines.getByRole('status').textContent).toBe('「護照」移到第 1 位。');
    // At the top it cannot go up: the focus stays with the line, on the button that still works.
    expect(document.activeElement).toBe(lines.getByRole('button', { name: '下移「護照」' }));
    await user.click(form.getByLabelText('愛心櫃臺（優先服務愛心號）'));
    await user.click(within(form.getByRole('group', { name: '櫃台可使用的語言' })).getByLabelText('English'));

    const created: Counter = counter({ id: 'c2', number: 2, names: { 'zh-TW': '2號櫃台' }, serviceIds: ['passport', 'household'], isPriority: true, languages: ['zh-TW', 'en'], status: 'closed', staffId: null });
    server.on('counter:create', () => {
      server.broadcast('counter:updated', { counter: created });
      return { ok: true, data: created };
    });
    await user.click(form.getByRole('button', { name: '建立' }));
    expect(server.sent('counter:create')).toEqual([{ number: 2, names: { 'zh-TW': '2號櫃台' }, serviceIds: ['passport', 'household'], isPriority: true, languages: ['zh-TW', 'en'] }]);
    expect(await within(p).findByText('已儲存櫃台「2號櫃台」。')).toBeTruthy();
    expect(within(p).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['1號櫃台', '2號櫃台']);
  });

  it('a taken number is refused beside the number', async () => {
    const { server, user } = await start();
    await user.click(screen.getByRole('tab', { name: '櫃台' }));
    const p = panel('櫃台');
    await user.click(within(p).getByRole('button', { name: '編輯：1號櫃台' }));
    const form = within(within(p).getByRole('region', { name: '編輯櫃台：1號櫃台' }));
    const number = form.getByLabelText('櫃台號碼（看板顯示）');
    await user.clear(number);
    await user.type(number, '5');
    server.on('counter:update', () => refused('conflict', 'Counter number 5 is taken'));
    await user.click(form.getByRole('button', { name: '儲存' }));
    await waitFor(() => expect(errorBeside(number)?.textContent).toBe('這個櫃台號碼已被其他櫃台使用。'));
    expect(server.sent('counter:update')).toEqual([{ counterId: 'c1', number: 5 }]);
  });
});

describe('staff', () => {
  const mei: Staff = { id: 'staff-2', username: 'mei', displayName: '林美', role: 'clerk', active: true };

  it('lists the accounts, adds one with staff:create, and reads the list again', async () => {
    const created: Staff = { id: 'staff-3', username: 'hua', displayName: '張華', role: 'supervisor', active: true };
    const { api, server, user } = await start({ '/staff': (n: number) => (n === 1 ? [adminStaff, mei] : [adminStaff, mei, created]) });
    await user.click(screen.getByRole('tab', { name: '人員帳號' }));
    const p = panel('人員帳號');
    const table = await within(p).findByRole('table', { name: '人員帳號列表' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['王管理（您）', '林美']);

    await user.click(within(p).getByRole('button', { name: '新增人員' }));
    const dialog = within(screen.getByRole('dialog', { name: '新增人員' }));
    await user.type(dialog.getByLabelText('帳號'), 'hua');
    await user.type(dialog.getByLabelText('顯示名稱'), '張華');
    await user.selectOptions(dialog.getByLabelText('角色'), '主管');
    await user.type(dialog.getByLabelText('初始密碼'), 'short');
    await user.click(dialog.getByRole('button', { name: '建立' }));
    expect(errorBeside(dialog.getByLabelText('初始密碼'))?.textContent).toBe('至少要 12 個字元。');
    expect(server.sent('staff:create')).toEqual([]);

    await user.type(dialog.getByLabelText('初始密碼'), ' and longer');
    server.on('staff:create', () => ({ ok: true, data: created }));
    await user.click(dialog.getByRole('button', { name: '建立' }));
    expect(server.sent('staff:create')).toEqual([{ username: 'hua', displayName: '張華', role: 'supervisor', password: 'short and longer' }]);
    expect(await within(p).findByText('已建立 張華 的帳號（hua）。')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['王管理（您）', '張華', '林美']));
    expect(api.reads('/staff')).toBe(2);
  });

  it('a duplicate username is refused beside the username', async () => {
    const { server, user } = await start({ '/staff': [adminStaff, mei] });
    await user.click(screen.getByRole('tab', { name: '人員帳號' }));
    await user.click(within(panel('人員帳號')).getByRole('button', { name: '新增人員' }));
    const dialog = within(screen.getByRole('dialog', { name: '新增人員' }));
    await user.type(dialog.getByLabelText('帳號'), 'mei');
    await user.type(dialog.getByLabelText('顯示名稱'), '林美');
    await user.type(dialog.getByLabelText('初始密碼'), 'a long enough password');
    server.on('staff:create', () => refused('conflict', 'Username mei is taken'));
    await user.click(dialog.getByRole('button', { name: '建立' }));
    await waitFor(() => expect(errorBeside(dialog.getByLabelText('帳號'))?.getAttribute('role')).toBe('alert'));
  });

  it('changes a role, resets a password, disables (with a confirmation), enables and unlocks', async () => {
    let current = [adminStaff, mei];
    const { server, user } = await start({ '/staff': () => current });
    await user.click(screen.getByRole('tab', { name: '人員帳號' }));
    const p = panel('人員帳號');
    await within(p).findByRole('table');
    server.on<{ staffId: string; role?: Staff['role']; active?: boolean }>('staff:update', (patch) => {
      current = current.map((s) => (s.id === patch.staffId ? { ...s, ...(patch.role ? { role: patch.role } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}) } : s));
      return { ok: true, data: current.find((s) => s.id === patch.staffId)! };
    });

    await user.click(within(p).getByRole('button', { name: '變更角色：林美' }));
    await user.selectOptions(within(screen.getByRole('dialog', { name: '變更角色：林美' })).getByLabelText('角色'), '主管');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '儲存' }));
    expect(await within(p).findByText('林美 的角色已改為主管。')).toBeTruthy();

    await user.click(within(p).getByRole('button', { name: '重設密碼：林美' }));
    await user.type(within(screen.getByRole('dialog', { name: '重設密碼：林美' })).getByLabelText('新密碼'), 'a brand new password');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '重設密碼' }));
    expect(await within(p).findByText('已重設 林美 的密碼。')).toBeTruthy();

    await user.click(within(p).getByRole('button', { name: '停用：林美' }));
    await user.click(within(screen.getByRole('dialog', { name: '停用帳號：林美' })).getByRole('button', { name: '停用' }));
    expect(await within(p).findByText('已停用 林美 的帳號。')).toBeTruthy();
    const row = () => within(p).getByRole('rowheader', { name: '林美' }).closest('tr')!;
    await waitFor(() => expect(within(row()).getByText('已停用')).toBeTruthy());

    await user.click(within(p).getByRole('button', { name: '啟用：林美' }));
    expect(await within(p).findByText('已啟用 林美 的帳號。')).toBeTruthy();
    await user.click(within(p).getByRole('button', { name: '解除鎖定：林美' }));
    expect(await within(p).findByText('已解除 林美 的登入鎖定。')).toBeTruthy();

    expect(server.sent('staff:update')).toEqual([
      { staffId: 'staff-2', role: 'supervisor' },
      { staffId: 'staff-2', password: 'a brand new password' },
      { staffId: 'staff-2', active: false },
      { staffId: 'staff-2', active: true },
      { staffId: 'staff-2', unlock: true },
    ]);
  });

  it('the last admin cannot be disabled: the refusal is at the top of the dialog, in words', async () => {
    const { server, user } = await start({ '/staff': [adminStaff, mei] });
    await user.click(screen.getByRole('tab', { name: '人員帳號' }));
    const p = panel('人員帳號');
    await user.click(await within(p).findByRole('button', { name: '停用：王管理' }));
    const dialog = within(screen.getByRole('dialog', { name: '停用帳號：王管理' }));
    expect(dialog.getByText('這是您自己的帳號：停用後您會立即登出。')).toBeTruthy();
    server.on('staff:update', () => refused('conflict', 'This is the last active admin account; make someone else an admin first'));
    await user.click(dialog.getByRole('button', { name: '停用' }));
    expect((await dialog.findByRole('alert')).textContent).toBe('This is the last active admin account; make someone else an admin first');
  });
});

describe('devices', () => {
  const lobby: Device = { id: 'd1', kind: 'display', name: '大廳看板', createdAt: '2024-05-01T01:00:00.000Z', revokedAt: null, lastSeenAt: '2024-05-06T01:00:00.000Z', display: displaySettings() };

  it('registering one shows its token once, with the pairing link and a QR code of it; then it can be revoked', async () => {
    const kiosk: Device = { id: 'd2', kind: 'kiosk', name: '1樓取號機', createdAt: '2024-05-06T02:00:00.000Z', revokedAt: null, lastSeenAt: null, display: null };
    let current = [lobby];
    const { api, server, user } = await start({ '/devices': () => current });
    await user.click(screen.getByRole('tab', { name: '裝置' }));
    const p = panel('裝置');
    const table = await within(p).findByRole('table', { name: '已登記的裝置' });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['大廳看板']);

    const register = within(within(p).getByRole('group', { name: '登記新裝置' }));
    await user.selectOptions(register.getByLabelText('種類'), '取號機');
    await user.type(register.getByLabelText('名稱'), '1樓取號機');
    const token = 'dev_secret-token-123';
    server.on('device:create', () => {
      current = [lobby, kiosk];
      return { ok: true, data: { device: kiosk, token } };
    });
    await user.click(register.getByRole('button', { name: '登記' }));
    expect(server.sent('device:create')).toEqual([{ kind: 'kiosk', name: '1樓取號機' }]);

    const dialog = within(await screen.findByRole('dialog', { name: '配對取號機：1樓取號機' }));
    const link = `${location.origin}/kiosk/#token=${token}`;
    expect((dialog.getByLabelText('配對連結') as HTMLInputElement).value).toBe(link);
    expect((dialog.getByLabelText('配對權杖') as HTMLInputElement).value).toBe(token);
    const qr = (await dialog.findByRole('img', { name: '「1樓取號機」配對連結的 QR 碼' })) as HTMLImageElement;
    expect(qr.src).toMatch(/^data:image\/png;base64,/);
    await waitFor(() => expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['1樓取號機', '大廳看板']));
    expect(api.reads('/devices')).toBe(2);

    // Closed, the token is gone for good: nowhere on the page.
    await user.click(dialog.getByRole('button', { name: '已完成配對，關閉' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.body.innerHTML).not.toContain(token);

    server.on('device:update', () => {
      current = [{ ...kiosk, revokedAt: '2024-05-06T03:00:00.000Z' }, lobby];
      return { ok: true, data: current[0]! };
    });
    await user.click(within(table).getByRole('button', { name: '撤銷：1樓取號機' }));
    await user.click(within(screen.getByRole('dialog', { name: '撤銷裝置：1樓取號機' })).getByRole('button', { name: '撤銷' }));
    expect(server.sent('device:update')).toEqual([{ deviceId: 'd2', revoked: true }]);
    expect(await within(p).findByText('已撤銷「1樓取號機」。')).toBeTruthy();
    await waitFor(() => expect(within(table).queryByRole('button', { name: '撤銷：1樓取號機' })).toBeNull());
    expect(within(table).getByText(/^已撤銷（/)).toBeTruthy();
  });

  it('a display pairs through the display page', async () => {
    const { server, user } = await start({ '/devices': [] });
    await user.click(screen.getByRole('tab', { name: '裝置' }));
    const register = within(within(panel('裝置')).getByRole('group', { name: '登記新裝置' }));
    await user.type(register.getByLabelText('名稱'), '大廳看板');
    server.on('device:create', () => ({ ok: true, data: { device: lobby, token: 'tok' } }));
    await user.click(register.getByRole('button', { name: '登記' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect((dialog.getByLabelText('配對連結') as HTMLInputElement).value).toBe(`${location.origin}/display/#token=tok`);
  });

  it("a display's settings: what it shows and how it speaks, sent whole as device:update; a refusal beside its field", async () => {
    const kiosk: Device = { id: 'd2', kind: 'kiosk', name: '1樓取號機', createdAt: '2024-05-06T02:00:00.000Z', revokedAt: null, lastSeenAt: null, display: null };
    const threeCounters = () =>
      snapshot({
        seq: 10,
        services: [household, passport],
        counters: [1, 2, 3].map((n) => counter({ id: `c${n}`, number: n, names: { 'zh-TW': `${n}號櫃台` }, serviceIds: ['household'], staffId: null, status: 'closed' })),
      });
    let current = [kiosk, lobby];
    const { api, server, user } = await start({ '/devices': () => current }, 'zh-TW', threeCounters);
    await user.click(screen.getByRole('tab', { name: '裝置' }));
    const p = panel('裝置');
    const table = await within(p).findByRole('table', { name: '已登記的裝置' });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(name) });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toContain('顯示範圍');
    expect(within(row('大廳看板')).getByText('全部業務 · 全部櫃台')).toBeTruthy();
    // A kiosk shows no zone and has no such button.
    expect(within(row('1樓取號機')).getByText('—')).toBeTruthy();
    expect(within(table).queryByRole('button', { name: '顯示設定：1樓取號機' })).toBeNull();

    const opener = within(table).getByRole('button', { name: '顯示設定：大廳看板' });
    await user.click(opener);
    const dialog = within(screen.getByRole('dialog', { name: '顯示設定：大廳看板' }));
    const lines = within(dialog.getByRole('group', { name: '顯示的業務' }));
    const counters = within(dialog.getByRole('group', { name: '顯示哪些櫃台的叫號' }));
    expect(document.activeElement).toBe(lines.getByLabelText('全部業務（包括日後新增的）'));
    // "Every" hides the choices; unticked, each one is a checkbox of its own.
    expect(lines.queryByLabelText('護照')).toBeNull();
    await user.click(lines.getByLabelText('全部業務（包括日後新增的）'));
    await user.click(lines.getByLabelText('護照'));
    await user.click(counters.getByLabelText('全部櫃台（包括日後新增的）'));
    expect(counters.getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual(['全部櫃台（包括日後新增的）', '櫃台 1：1號櫃台', '櫃台 2：2號櫃台', '櫃台 3：3號櫃台']);
    await user.click(counters.getByLabelText('櫃台 3：3號櫃台'));
    await user.click(counters.getByLabelText('櫃台 1：1號櫃台'));
    await user.selectOptions(dialog.getByLabelText('畫面方向'), '直向 1080×1920');
    const volume = dialog.getByLabelText('音量（%）');
    await user.clear(volume);
    await user.type(volume, '150');
    await user.selectOptions(dialog.getByLabelText('每個號碼播報次數'), '2 次');
    await user.selectOptions(dialog.getByLabelText('語音'), '一律播放錄音檔（例如事務所自己錄製的）');
    const spoken = within(dialog.getByRole('group', { name: '另外播報的語言（國語一律播報）' }));
    expect(spoken.getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual(['English', 'Tiếng Việt', 'Bahasa Indonesia', 'ไทย']);
    await user.click(spoken.getByLabelText('Tiếng Việt'));
    await user.click(spoken.getByLabelText('English'));

    // What the form can tell itself is said beside the field, and nothing is sent.
    await user.click(dialog.getByRole('button', { name: '儲存' }));
    expect(errorBeside(volume)?.textContent).toBe('請輸入 0 到 100 之間的整數。');
    expect(document.activeElement).toBe(volume);
    expect(server.sent('device:update')).toEqual([]);
    await user.clear(volume);
    await user.type(volume, '60');

    // The server's refusal of a counter goes beside the counters.
    server.on('device:update', () => refused('validation_failed', 'No counter c3', [{ path: '/display/counterIds', message: 'No counter c3' }]));
    await user.click(dialog.getByRole('button', { name: '儲存' }));
    const group = dialog.getByRole('group', { name: '顯示哪些櫃台的叫號' });
    await waitFor(() => expect(errorBeside(group)?.textContent).toBe('輸入的內容不正確：No counter c3'));
    expect(errorBeside(group)?.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(group);
    expect(errorBeside(volume)).toBeNull();

    const display = { serviceIds: ['passport'], counterIds: ['c1', 'c3'], orientation: 'portrait', volume: 60, repeat: 2, languages: ['vi'], voice: 'clips' };
    server.on('device:update', () => {
      current = [kiosk, { ...lobby, display: display as Device['display'] }];
      return { ok: true, data: current[1]! };
    });
    await user.click(dialog.getByRole('button', { name: '儲存' }));
    expect(server.sent('device:update')).toEqual([
      { deviceId: 'd1', display },
      { deviceId: 'd1', display },
    ]);
    expect(await within(p).findByText('已儲存「大廳看板」的顯示設定，看板會立即套用。')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    await waitFor(() => expect(within(row('大廳看板')).getByText('護照 · 櫃台 1、3')).toBeTruthy());
    expect(api.reads('/devices')).toBe(2);

    // Opened again, it starts from what was saved; saving it unchanged sends nothing.
    await user.click(opener);
    const again = within(screen.getByRole('dialog', { name: '顯示設定：大廳看板' }));
    expect((again.getByLabelText('護照') as HTMLInputElement).checked).toBe(true);
    expect((again.getByLabelText('戶籍登記') as HTMLInputElement).checked).toBe(false);
    expect((again.getByLabelText('畫面方向') as HTMLSelectElement).value).toBe('portrait');
    await user.click(again.getByRole('button', { name: '儲存' }));
    expect(again.getByRole('status').textContent).toBe('沒有任何變更，不需要儲存。');
    expect(server.sent('device:update')).toHaveLength(2);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a list that cannot be read says so, and can be read again', async () => {
    const { user } = await start({
      '/devices': (n: number) => {
        if (n === 1) throw new ApiError(500, { code: 'internal', message: 'Something went wrong on the server' });
        return [lobby];
      },
    });
    await user.click(screen.getByRole('tab', { name: '裝置' }));
    const p = panel('裝置');
    expect((await within(p).findByRole('alert')).textContent).toContain('無法讀取清單。無法完成：Something went wrong on the server');
    await user.click(within(p).getByRole('button', { name: '重新讀取' }));
    expect(await within(p).findByRole('rowheader', { name: '大廳看板' })).toBeTruthy();
  });
});

describe('the office', () => {
  it('changes the telephone and adds an evening session for one line, sent as office:update', async () => {
    const { server, user } = await start();
    await user.click(screen.getByRole('tab', { name: '事務所' }));
    const p = within(panel('事務所'));
    const tel = p.getByLabelText('電話');
    await user.clear(tel);
    await user.type(tel, '04-2236-4000');
    await user.click(p.getByRole('button', { name: '新增時段' }));
    const session = within(p.getByRole('row', { name: /^時段 2/ }));
    await user.selectOptions(session.getByLabelText('時段 2 星期'), '星期三');
    await user.clear(session.getByLabelText('時段 2 開始'));
    await user.type(session.getByLabelText('時段 2 開始'), '17:30');
    await user.clear(session.getByLabelText('時段 2 結束'));
    await user.type(session.getByLabelText('時段 2 結束'), '20:00');
    await user.selectOptions(session.getByLabelText('時段 2 類型'), '夜間');
    const lines = within(session.getByRole('group', { name: '時段 2 適用的業務' }));
    await user.click(lines.getByLabelText('所有業務'));
    await user.click(lines.getByLabelText('護照'));

    let saved: Office | null = null;
    server.on<{ tel: string; sessions: Office['sessions'] }>('office:update', (patch) => {
      saved = { ...officeOf(), ...patch };
      server.broadcast('office:updated', { office: saved });
      return { ok: true, data: saved };
    });
    await user.click(p.getByRole('button', { name: '儲存' }));
    expect(server.sent('office:update')).toEqual([
      {
        tel: '04-2236-4000',
        sessions: [
          { weekday: 1, start: '08:00', end: '17:00', kind: 'regular', serviceIds: null },
          { weekday: 3, start: '17:30', end: '20:00', kind: 'evening', serviceIds: ['household'] },
        ],
      },
    ]);
    expect(await p.findByText('已儲存事務所資料。')).toBeTruthy();
    expect(p.queryByText(/其他人剛更新了事務所資料/)).toBeNull();
    expect(saved).not.toBeNull();
  });

  it('a session that ends before it starts is marked before sending', async () => {
    const { server, user } = await start();
    await user.click(screen.getByRole('tab', { name: '事務所' }));
    const p = within(panel('事務所'));
    const end = p.getByLabelText('時段 1 結束');
    await user.clear(end);
    await user.type(end, '07:00');
    await user.click(p.getByRole('button', { name: '儲存' }));
    expect(errorBeside(end)?.textContent).toBe('結束時間必須晚於開始時間。');
    expect(document.activeElement).toBe(end);
    expect(server.sent('office:update')).toEqual([]);
  });
});

describe('the office: holidays and make-up days', () => {
  it('adds a holiday and a make-up day, marks a date given twice beside it, removes a row, and sends them as office:update', async () => {
    const { server, user } = await start();
    await user.click(screen.getByRole('tab', { name: '事務所' }));
    const p = within(panel('事務所'));
    const part = within(p.getByRole('group', { name: '休假日與補班日' }));
    expect(part.getByText('還沒有任何休假日或補班日。')).toBeTruthy();
    expect(part.queryByRole('table')).toBeNull();

    await user.click(part.getByRole('button', { name: '新增休假日或補班日' }));
    const date1 = part.getByLabelText('第 1 筆 日期');
    await user.type(date1, '2027-01-01');
    // The weekday of the date, beside it.
    expect(part.getByText('星期五')).toBeTruthy();
    await user.type(part.getByLabelText('第 1 筆 名稱（繁體中文）（必填）'), '元旦');
    await user.type(part.getByLabelText('第 1 筆 名稱（English）'), "New Year's Day");
    expect((part.getByLabelText('第 1 筆 休假或補班') as HTMLSelectElement).value).toBe('closed');
    expect(part.queryByLabelText('第 1 筆 比照星期幾的時段')).toBeNull();

    await user.click(part.getByRole('button', { name: '新增休假日或補班日' }));
    await user.type(part.getByLabelText('第 2 筆 日期'), '2026-12-05');
    await user.type(part.getByLabelText('第 2 筆 名稱（繁體中文）（必填）'), '補行上班');
    await user.selectOptions(part.getByLabelText('第 2 筆 休假或補班'), '補班（上班）');
    await user.selectOptions(part.getByLabelText('第 2 筆 比照星期幾的時段'), '星期五');

    await user.click(part.getByRole('button', { name: '新增休假日或補班日' }));
    const date3 = part.getByLabelText('第 3 筆 日期');
    await user.type(date3, '2027-01-01');
    await user.type(part.getByLabelText('第 3 筆 名稱（繁體中文）（必填）'), '重複');
    const table = part.getByRole('table', { name: '休假日與補班日列表' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['項目', '日期', '名稱（繁體中文）', '名稱（English）', '休假或補班', '比照星期幾的時段', '操作']);

    await user.click(p.getByRole('button', { name: '儲存' }));
    expect(errorBeside(date3)?.textContent).toBe('這個日期已經在列表中。');
    expect(document.activeElement).toBe(date3);
    expect(server.sent('office:update')).toEqual([]);
    await user.click(part.getByRole('button', { name: '移除第 3 筆' }));
    expect(part.queryByLabelText('第 3 筆 日期')).toBeNull();

    let saved: Office | null = null;
    server.on<{ specialDays: Office['specialDays'] }>('office:update', (patch) => {
      saved = { ...officeOf(), ...patch, specialDays: [...patch.specialDays].sort((a, b) => a.date.localeCompare(b.date)) };
      server.broadcast('office:updated', { office: saved });
      return { ok: true, data: saved };
    });
    await user.click(p.getByRole('button', { name: '儲存' }));
    expect(server.sent('office:update')).toEqual([
      {
        specialDays: [
          { date: '2027-01-01', kind: 'closed', name: { 'zh-TW': '元旦', en: "New Year's Day" } },
          { date: '2026-12-05', kind: 'open', name: { 'zh-TW': '補行上班' }, sessionsOf: 5 },
        ],
      },
    ]);
    expect(await p.findByText('已儲存事務所資料。')).toBeTruthy();
    // The form starts again from the saved office: by date.
    expect((part.getByLabelText('第 1 筆 日期') as HTMLInputElement).value).toBe('2026-12-05');
    expect((part.getByLabelText('第 2 筆 日期') as HTMLInputElement).value).toBe('2027-01-01');
    expect(saved).not.toBeNull();
  });

  it("the server's refusal of a day goes beside its field", async () => {
    const { server, user } = await start();
    await user.click(screen.getByRole('tab', { name: '事務所' }));
    const part = within(within(panel('事務所')).getByRole('group', { name: '休假日與補班日' }));
    await user.click(part.getByRole('button', { name: '新增休假日或補班日' }));
    const date = part.getByLabelText('第 1 筆 日期');
    await user.type(date, '2027-01-01');
    await user.type(part.getByLabelText('第 1 筆 名稱（繁體中文）（必填）'), '元旦');
    server.on('office:update', () => refused('validation_failed', '2027-01-01 is in the list twice', [{ path: '/specialDays/0/date', message: 'duplicate date' }]));
    await user.click(screen.getByRole('button', { name: '儲存' }));
    await waitFor(() => expect(errorBeside(date)?.textContent).toContain('2027-01-01 is in the list twice'));
    expect(errorBeside(date)?.getAttribute('role')).toBe('alert');
  });

  it('in English, every string of the part is translated', async () => {
    const { user } = await start({ '/staff': [adminStaff], '/devices': [] }, 'en');
    await user.click(screen.getByRole('tab', { name: 'Office' }));
    const part = within(within(panel('Office')).getByRole('group', { name: 'Holidays and make-up days' }));
    expect(part.getByText('No holidays or make-up days yet.')).toBeTruthy();
    await user.click(part.getByRole('button', { name: 'Add a holiday or make-up day' }));
    await user.selectOptions(part.getByLabelText('Day 1 Closed or open'), 'Open (make-up day)');
    expect(part.getByRole('table', { name: 'Holidays and make-up days' })).toBeTruthy();
    expect(part.getByLabelText('Day 1 Date')).toBeTruthy();
    expect(part.getByLabelText('Day 1 Name (繁體中文) (required)')).toBeTruthy();
    expect(part.getByLabelText('Day 1 Sessions as on')).toBeTruthy();
    expect(part.getByRole('button', { name: 'Remove day 1' })).toBeTruthy();
  });
});

describe('in English', () => {
  it("a display's settings are in English, the services by their English names", async () => {
    const lobby: Device = { id: 'd1', kind: 'display', name: 'Lobby', createdAt: '2024-05-01T01:00:00.000Z', revokedAt: null, lastSeenAt: null, display: displaySettings({ counterIds: ['c1'] }) };
    const { user } = await start({ '/staff': [adminStaff], '/devices': [lobby] }, 'en');
    await user.click(screen.getByRole('tab', { name: 'Devices' }));
    const table = await within(panel('Devices')).findByRole('table', { name: 'Registered devices' });
    expect(within(table).getByText('Every service · counter 1')).toBeTruthy();
    await user.click(within(table).getByRole('button', { name: 'Display settings: Lobby' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Display settings: Lobby' }));
    await user.click(dialog.getByLabelText('Every service (including those added later)'));
    expect(dialog.getByLabelText('Household registration')).toBeTruthy();
    expect((dialog.getByLabelText('Counter 1: 1號櫃台') as HTMLInputElement).checked).toBe(true);
    expect(dialog.getByRole('group', { name: 'Also spoken in (Mandarin always)' })).toBeTruthy();
    expect(within(dialog.getByLabelText('Orientation')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Automatic (from the screen’s shape)', 'Landscape 1920×1080', 'Portrait 1080×1920']);
    expect(within(dialog.getByLabelText('Times each number is spoken')).getAllByRole('option').map((o) => o.textContent)).toEqual(['1 time', '2 times', '3 times']);
    expect(within(dialog.getByLabelText('Voice')).getAllByRole('option').map((o) => o.textContent)).toEqual(['The browser’s voice (else the recordings)', 'Always the recordings (e.g. the office’s own)']);
    expect(dialog.getByLabelText('Volume (%)')).toBeTruthy();
  });

  it('every admin string is translated', async () => {
    const { user } = await start({ '/staff': [adminStaff], '/devices': [] }, 'en');
    expect(screen.getByRole('tablist', { name: 'Settings' })).toBeTruthy();
    await user.click(within(panel('Services')).getByRole('button', { name: 'Add a service' }));
    expect(within(panel('Services')).getByRole('group', { name: 'Number ranges' })).toBeTruthy();
    expect(within(panel('Services')).getByLabelText('Name (繁體中文) (required)')).toBeTruthy();
  });
});
