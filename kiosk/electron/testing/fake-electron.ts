// A stand-in for the parts of Electron the main process uses, for tests: its binary cannot run
// here, and require('electron') under Node throws (STACK-NOTES G13). One instance per test file:
//   vi.mock('electron', async () => (await import('./testing/fake-electron')).fake.electron);
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class Emitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeContents extends Emitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  setVisualZoomLevelLimits = vi.fn(async (_min: number, _max: number) => undefined);
}

export class FakeWindow {
  static all: FakeWindow[] = [];
  webContents = new FakeContents();
  destroyed = false;
  loadURL = vi.fn(async (_url: string) => undefined);
  close = vi.fn(() => {
    this.destroyed = true;
  });
  isDestroyed = () => this.destroyed;
  constructor(public options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    FakeWindow.all.push(this);
  }
}

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

function createFake() {
  const state = {
    userData: '/nonexistent',
    singleInstance: true,
    handlers: new Map<string, Listener>(),
    protocolHandler: null as null | ((request: { url: string }) => Promise<Response>),
    permissionRequest: null as null | PermissionRequest,
    permissionCheck: null as null | ((...args: unknown[]) => boolean),
  };
  const app = Object.assign(new Emitter(), {
    whenReady: vi.fn(async () => undefined),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.singleInstance),
    getPath: vi.fn((_name: string) => state.userData),
    getVersion: vi.fn(() => '0.1.0'),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  const defaultSession = Object.assign(new Emitter(), {
    setPermissionRequestHandler: vi.fn((handler: PermissionRequest) => void (state.permissionRequest = handler)),
    setPermissionCheckHandler: vi.fn((handler: (...args: unknown[]) => boolean) => void (state.permissionCheck = handler)),
  });
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn((channel: string, listener: Listener) => void state.handlers.set(channel, listener)) },
    Menu: { setApplicationMenu: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: vi.fn((_scheme: string, handler: (request: { url: string }) => Promise<Response>) => void (state.protocolHandler = handler)),
    },
    session: { defaultSession },
  };

  return {
    electron,
    state,
    /** Back to a fresh start, between tests. */
    reset() {
      FakeWindow.all = [];
      state.handlers.clear();
      state.singleInstance = true;
      state.protocolHandler = null;
      state.permissionRequest = null;
      state.permissionCheck = null;
      app.listeners.clear();
      defaultSession.listeners.clear();
      vi.clearAllMocks();
    },
    /** As ipcRenderer.invoke sees a handler: a throw is a rejection. */
    invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      return Promise.resolve().then(() => {
        const handler = state.handlers.get(channel);
        if (!handler) throw new Error(`no handler for ${channel}`);
        return handler(event, ...args);
      });
    },
  };
}

export const fake = createFake();
