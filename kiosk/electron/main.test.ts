// The main process's wiring, with Electron played by a fake (its binary cannot run here, and
// require('electron') under Node throws: STACK-NOTES G13).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SETUP_CSP, start } from './main';
import { fake, FakeWindow } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fake.electron);

const { electron, state, invoke } = fake;
const TOKEN = 'jhd_Q2xhaW1lZC10b2tlbi1mb3ItdGVzdHM';
const SERVER = 'http://192.168.1.10:8080';

let dir: string;
let configFile: string;
const logs: string[] = [];
const print = vi.fn(async () => ({ ok: true as const }));

function writeConfig(config: object) {
  writeFileSync(configFile, JSON.stringify(config));
}

async function boot(extra: { retryMs?: number } = {}) {
  await start({ dir, env: { JIAOHAO_KIOSK_CONFIG: configFile }, print, log: (m) => logs.push(m), ...extra });
}

const win = (i = 0) => {
  const w = FakeWindow.all[i];
  if (!w) throw new Error(`no window ${i}`);
  return w;
};
const navigate = (w: InstanceType<typeof FakeWindow>, event: string, url: string) => {
  const e = { preventDefault: vi.fn() };
  w.webContents.emit(event, e, url, false, true);
  return e.preventDefault.mock.calls.length > 0;
};
const frame = (url: string) => ({ senderFrame: { url, parent: null } });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-main-'));
  configFile = join(dir, 'kiosk.json');
  fake.reset();
  logs.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk window', () => {
  it('is locked down: isolated, sandboxed, no Node, web security, the preload; full screen and no dev tools in kiosk mode', async () => {
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN, printer: 'PDF', kiosk: true });
    await boot();
    expect(FakeWindow.all).toHaveLength(1);
    const { options } = win();
    expect(options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
      preload: join(dir, 'preload.js'),
    });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'jiaohao', privileges: { standard: true, secure: true } }]);
    expect(win().loadURL).toHaveBeenCalledWith(`${SERVER}/kiosk/#token=${TOKEN}`);
    expect(win().webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('keeps a normal window with dev tools and the menu when kiosk is false', async () => {
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN, kiosk: false });
    await boot();
    expect(win().options).toMatchObject({ kiosk: false, fullscreen: false });
    expect(win().options.webPreferences).toMatchObject({ devTools: true, contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
  });

  it("stays on the server's origin: navigation and redirects elsewhere are prevented", async () => {
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN });
    await boot();
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(navigate(win(), event, `${SERVER}/kiosk/?lang=en`)).toBe(false);
      expect(navigate(win(), event, `${SERVER}/t/abc`)).toBe(false);
      for (const url of [
        'https://evil.example/',
        'http://192.168.1.10.evil.example:8080/kiosk/',
        'http://192.168.1.10:8080@evil.example/',
        'http://192.168.1.10:8081/kiosk/',
        'https://192.168.1.10:8080/kiosk/',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'jiaohao://setup/setup.html',
      ]) {
        expect(navigate(win(), event, url), `${event} ${url}`).toBe(true);
      }
    }
  });

  it('opens no new window, whatever the address', async () => {
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN });
    await boot();
    const open = win().webContents.openHandler!;
    expect(open({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(open({ url: `${SERVER}/kiosk/` })).toEqual({ action: 'deny' });
    const attach = { preventDefault: vi.fn() };
    win().webContents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('grants no permission and allows no download', async () => {
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN });
    await boot();
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      state.permissionRequest!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(state.permissionCheck!({}, permission, SERVER, {})).toBe(false);
    }
    const download = { preventDefault: vi.fn() };
    electron.session.defaultSession.emit('will-download', download, {}, {});
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('tries the page again while the server cannot be reached', async () => {
    vi.useFakeTimers();
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN });
    await boot({ retryMs: 5_000 });
    expect(win().loadURL).toHaveBeenCalledTimes(1);
    win().webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', `${SERVER}/kiosk/`, true);
    win().webContents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', `${SERVER}/kiosk/`, true);
    win().webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', 'http://x/frame', false);
    vi.advanceTimersByTime(4_999);
    expect(win().loadURL).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(win().loadURL).toHaveBeenCalledTimes(2);
    expect(win().loadURL).toHaveBeenLastCalledWith(`${SERVER}/kiosk/#token=${TOKEN}`);
    expect(logs).toContain(`the kiosk page did not load from ${SERVER} (ERR_CONNECTION_REFUSED); trying again in 5 s`);
  });

  it('answers the kiosk page through the IPC handlers, and only the kiosk page', async () => {
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN, printer: 'PDF' });
    await boot();
    await expect(invoke('kiosk:device-info', frame(`${SERVER}/kiosk/`))).resolves.toEqual({ printer: 'PDF', version: '0.1.0', shell: 'electron' });
    await expect(invoke('kiosk:device-info', frame('https://evil.example/'))).rejects.toThrow('refused');
    await expect(invoke('kiosk:print-ticket', frame(`${SERVER}/kiosk/`), 'ticket-1', 'tracking')).resolves.toEqual({ ok: true });
    expect(print).toHaveBeenCalledWith(expect.objectContaining({ serverUrl: SERVER, printer: 'PDF' }), { ticketId: 'ticket-1', trackingToken: 'tracking' });
  });

  it('quits when another shell is already running', async () => {
    state.singleInstance = false;
    writeConfig({ serverUrl: SERVER, deviceToken: TOKEN });
    await boot();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(FakeWindow.all).toEqual([]);
  });
});

describe('the first-run setup page', () => {
  it('opens instead of the kiosk without settings, saves them through IPC, then opens the kiosk', async () => {
    await boot();
    expect(FakeWindow.all).toHaveLength(1);
    const setup = win();
    expect(setup.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: join(dir, 'setup-preload.js') });
    expect(setup.loadURL).toHaveBeenCalledWith('jiaohao://setup/setup.html');
    expect(navigate(setup, 'will-navigate', 'jiaohao://setup/setup.html')).toBe(false);
    expect(navigate(setup, 'will-navigate', `${SERVER}/kiosk/`)).toBe(true);

    const page = frame('jiaohao://setup/setup.html');
    await expect(invoke('setup:load', page)).resolves.toEqual({
      configPath: configFile,
      values: { serverUrl: '', deviceToken: '', printer: '', kiosk: true },
      problems: [],
    });
    const save = (event: unknown, values: unknown) => invoke('setup:save', event, values);
    await expect(save(page, { serverUrl: 'server.lan', deviceToken: TOKEN, printer: '', kiosk: true })).resolves.toEqual({
      ok: false,
      problems: [{ field: 'serverUrl', message: expect.stringMatching(/needs http:\/\//) }],
    });
    expect(FakeWindow.all).toHaveLength(1);

    await expect(save(page, { serverUrl: SERVER, deviceToken: TOKEN, printer: 'PDF', kiosk: true })).resolves.toEqual({ ok: true });
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject({ serverUrl: SERVER, deviceToken: TOKEN, printer: 'PDF', kiosk: true });
    expect(FakeWindow.all).toHaveLength(2);
    expect(win(1).options).toMatchObject({ kiosk: true });
    expect(win(1).loadURL).toHaveBeenCalledWith(`${SERVER}/kiosk/#token=${TOKEN}`);
    expect(setup.close).toHaveBeenCalled();
    // The server's page now gets the kiosk API; the setup channels stay the setup page's.
    await expect(invoke('kiosk:device-info', frame(`${SERVER}/kiosk/`))).resolves.toMatchObject({ printer: 'PDF' });
    await expect(save(frame(`${SERVER}/kiosk/`), { serverUrl: 'http://evil.example', deviceToken: 'x', printer: '', kiosk: false })).rejects.toThrow('refused');
  });

  it('shows why a settings file cannot be used', async () => {
    writeConfig({ serverUrl: 'http://server.lan:8080/kiosk/', deviceToken: TOKEN, kiosk: false });
    await boot();
    expect(win().loadURL).toHaveBeenCalledWith('jiaohao://setup/setup.html');
    await expect(invoke('setup:load', frame('jiaohao://setup/setup.html'))).resolves.toEqual({
      configPath: configFile,
      values: { serverUrl: 'http://server.lan:8080/kiosk/', deviceToken: TOKEN, printer: '', kiosk: false },
      problems: [{ field: 'serverUrl', message: expect.stringMatching(/without a path/) }],
    });
    expect(logs.join('\n')).toMatch(/cannot be used: serverUrl is the server's address only/);
  });

  it('serves only its own files on jiaohao://setup/, with a strict CSP', async () => {
    writeFileSync(join(dir, 'setup.html'), '<!doctype html><title>setup</title>');
    await boot();
    const serve = state.protocolHandler!;
    const page = await serve({ url: 'jiaohao://setup/setup.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(SETUP_CSP);
    expect(await page.text()).toContain('<title>setup</title>');
    for (const url of ['jiaohao://setup/kiosk.json', 'jiaohao://setup/../kiosk.json', 'jiaohao://setup/%2e%2e/kiosk.json', 'jiaohao://other/setup.html', 'jiaohao://setup/preload.js']) {
      expect((await serve({ url })).status, url).toBe(404);
    }
  });
});
