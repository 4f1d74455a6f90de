import { describe, expect, it, vi } from 'vitest';
import type { SetupValues } from './api';
import { CHANNELS } from './channels';
import type { KioskConfig } from './config';
import { parsePrintArgs, parseSetupValues, registerIpc, type InvokeEvent, type IpcDeps } from './ipc';

const CONFIG: KioskConfig = { serverUrl: 'http://192.168.1.10:8080', deviceToken: 'jhd_x', printer: 'PDF', kiosk: true, media: 'Custom.80x100mm' };
const TICKET_ID = '3f1c2b1e-6f0a-4c56-9d7e-2a6f5b8c9d01';
const TRACKING = 'tRk_0123456789abcdefABCD';
const FORM: SetupValues = { serverUrl: 'http://192.168.1.10:8080', deviceToken: 'jhd_x', printer: '', kiosk: true };

const top = (url: string): InvokeEvent => ({ senderFrame: { url, parent: null } });
const sub = (url: string): InvokeEvent => ({ senderFrame: { url, parent: {} } });
const SERVER_PAGE = top('http://192.168.1.10:8080/kiosk/#token=jhd_x');
const SETUP_PAGE = top('jiaohao://setup/setup.html');

function setup(overrides: Partial<IpcDeps> = {}) {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  const deps: IpcDeps = {
    ipcMain: { handle: (channel, listener) => void handlers.set(channel, listener) },
    getConfig: () => CONFIG,
    print: vi.fn(async () => ({ ok: true as const })),
    version: '0.1.0',
    loadSetup: vi.fn(() => ({ configPath: '/x/kiosk.json', values: FORM, problems: [] })),
    saveSetup: vi.fn(() => ({ ok: true as const })),
    log: vi.fn(),
    ...overrides,
  };
  registerIpc(deps);
  const call = async (channel: string, event: InvokeEvent, ...args: unknown[]) => handlers.get(channel)!(event, ...args);
  return { deps, handlers, call };
}

describe('parsePrintArgs', () => {
  it('takes a ticket id and a tracking token', () => {
    expect(parsePrintArgs([TICKET_ID, TRACKING])).toEqual({ ticketId: TICKET_ID, trackingToken: TRACKING });
  });

  it.each([
    ['no arguments', []],
    ['one argument', [TICKET_ID]],
    ['three arguments', [TICKET_ID, TRACKING, 'x']],
    ['an empty id', ['', TRACKING]],
    ['an empty token', [TICKET_ID, '']],
    ['a number', [42, TRACKING]],
    ['an object', [{ toString: () => TICKET_ID }, TRACKING]],
    ['a path', ['../../etc/passwd', TRACKING]],
    ['an encoded path', ['..%2F..%2Fadmin', TRACKING]],
    ['an option', [TICKET_ID, '-o media=A4']],
    ['spaces', ['a b', TRACKING]],
    ['a new line', [TICKET_ID, 'abc\ndef']],
    ['non-ASCII', ['１２３', TRACKING]],
    ['a long id', ['a'.repeat(65), TRACKING]],
    ['a long token', [TICKET_ID, 'a'.repeat(129)]],
  ])('refuses %s', (_what, args) => {
    expect(parsePrintArgs(args)).toBeNull();
  });
});

describe('parseSetupValues', () => {
  it('takes the form', () => {
    expect(parseSetupValues([FORM])).toEqual(FORM);
  });
  it.each([
    [[]],
    [[FORM, FORM]],
    [[null]],
    [[[FORM]]],
    [[{ ...FORM, extra: 1 }]],
    [[{ serverUrl: 'x', deviceToken: 'y', printer: '' }]],
    [[{ ...FORM, kiosk: 'true' }]],
    [[{ ...FORM, printer: null }]],
    [[{ ...FORM, serverUrl: 'x'.repeat(1025) }]],
  ])('refuses %j', (args) => {
    expect(parseSetupValues(args)).toBeNull();
  });
});

describe('registerIpc', () => {
  it('prints for the server page, with the settings in force', async () => {
    const { deps, call } = setup();
    await expect(call(CHANNELS.printTicket, SERVER_PAGE, TICKET_ID, TRACKING)).resolves.toEqual({ ok: true });
    expect(deps.print).toHaveBeenCalledWith(CONFIG, { ticketId: TICKET_ID, trackingToken: TRACKING });
  });

  it.each([
    ['another origin', top('http://evil.example/kiosk/')],
    ['a look-alike host', top('http://192.168.1.10.evil.example:8080/kiosk/')],
    ['user info', top('http://192.168.1.10:8080@evil.example/kiosk/')],
    ['another port', top('http://192.168.1.10:8081/kiosk/')],
    ['a subframe of the server page', sub('http://192.168.1.10:8080/kiosk/')],
    ['the setup page', SETUP_PAGE],
    ['a file', top('file:///tmp/x.html')],
    ['no frame (it went away)', { senderFrame: null }],
  ])('refuses to print for %s, before looking at the arguments', async (_what, event) => {
    const { deps, call } = setup();
    await expect(call(CHANNELS.printTicket, event, TICKET_ID, TRACKING)).rejects.toThrow('kiosk:print-ticket refused');
    await expect(call(CHANNELS.deviceInfo, event)).rejects.toThrow('kiosk:device-info refused');
    expect(deps.print).not.toHaveBeenCalled();
  });

  it('refuses bad arguments from the server page', async () => {
    const { deps, call } = setup();
    await expect(call(CHANNELS.printTicket, SERVER_PAGE, TICKET_ID)).rejects.toThrow('refused');
    await expect(call(CHANNELS.printTicket, SERVER_PAGE, TICKET_ID, 'x y')).rejects.toThrow('refused');
    await expect(call(CHANNELS.deviceInfo, SERVER_PAGE, 'extra')).rejects.toThrow('refused');
    expect(deps.print).not.toHaveBeenCalled();
    expect(deps.log).toHaveBeenCalledWith(expect.stringMatching(/refused kiosk:print-ticket: arguments are not/));
  });

  it('refuses the kiosk API while the kiosk is not set up', async () => {
    const { call } = setup({ getConfig: () => null });
    await expect(call(CHANNELS.deviceInfo, SERVER_PAGE)).rejects.toThrow('refused');
  });

  it('tells the server page about the device', async () => {
    const { call } = setup();
    await expect(call(CHANNELS.deviceInfo, SERVER_PAGE)).resolves.toEqual({ printer: 'PDF', version: '0.1.0', shell: 'electron' });
  });

  it('prints one ticket at a time', async () => {
    const order: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const print = vi.fn(async (_config: KioskConfig, ticket: { ticketId: string }) => {
      order.push(`start ${ticket.ticketId}`);
      if (ticket.ticketId === 'a') await first;
      order.push(`end ${ticket.ticketId}`);
      return { ok: true as const };
    });
    const { call } = setup({ print });
    const a = call(CHANNELS.printTicket, SERVER_PAGE, 'a', TRACKING);
    const b = call(CHANNELS.printTicket, SERVER_PAGE, 'b', TRACKING);
    await Promise.resolve();
    release();
    await Promise.all([a, b]);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('lets only the setup page load and save the settings', async () => {
    const { deps, call } = setup();
    await expect(call(CHANNELS.setupLoad, SETUP_PAGE)).resolves.toMatchObject({ configPath: '/x/kiosk.json' });
    await expect(call(CHANNELS.setupSave, SETUP_PAGE, FORM)).resolves.toEqual({ ok: true });
    expect(deps.saveSetup).toHaveBeenCalledWith(FORM);

    for (const event of [SERVER_PAGE, top('jiaohao://evil/setup.html'), sub('jiaohao://setup/setup.html'), { senderFrame: null }]) {
      await expect(call(CHANNELS.setupLoad, event)).rejects.toThrow('setup:load refused');
      await expect(call(CHANNELS.setupSave, event, FORM)).rejects.toThrow('setup:save refused');
    }
    await expect(call(CHANNELS.setupSave, SETUP_PAGE, { ...FORM, kiosk: 1 })).rejects.toThrow('refused');
    expect(deps.saveSetup).toHaveBeenCalledTimes(1);
  });
});
