import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true })) },
}));
vi.mock('electron', () => electron);

beforeEach(() => {
  vi.resetModules();
  electron.contextBridge.exposeInMainWorld.mockClear();
  electron.ipcRenderer.invoke.mockClear();
});

function exposed(): [string, Record<string, unknown>] {
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  return electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
}

describe('preload', () => {
  it('exposes window.jiaohaoKiosk with two named functions and nothing of Electron', async () => {
    await import('./preload');
    const [name, api] = exposed();
    expect(name).toBe('jiaohaoKiosk');
    expect(Object.keys(api).sort()).toEqual(['getDeviceInfo', 'printTicket']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer.invoke);

    await (api.printTicket as (a: string, b: string) => Promise<unknown>)('t1', 'tok');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('kiosk:print-ticket', 't1', 'tok');
    await (api.getDeviceInfo as () => Promise<unknown>)();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('kiosk:device-info');
  });
});

describe('setup-preload', () => {
  it('exposes window.jiaohaoSetup with load and save only', async () => {
    await import('./setup-preload');
    const [name, api] = exposed();
    expect(name).toBe('jiaohaoSetup');
    expect(Object.keys(api).sort()).toEqual(['load', 'save']);
    const values = { serverUrl: 'http://x:8080', deviceToken: 't', printer: '', kiosk: true };
    await (api.save as (v: unknown) => Promise<unknown>)(values);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('setup:save', values);
    await (api.load as () => Promise<unknown>)();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('setup:load');
  });
});
