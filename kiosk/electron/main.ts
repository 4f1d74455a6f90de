// The Electron main process, kept thin: one window, either the server's kiosk page or (without
// usable settings) the shell's own setup page; locked down as Electron's security checklist says
// (docs/tutorial/security.md); and the IPC handlers of ipc.ts. Printing is print.ts.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import type { PrintResult, SetupState } from './api';
import { SETUP_HOST, SETUP_PAGE_URL, SETUP_SCHEME } from './channels';
import { configPath, loadConfig, saveSetup, setupValuesOf, type KioskConfig } from './config';
import { registerIpc } from './ipc';
import { isSetupPageUrl, sameOrigin } from './origin';
import { printTicket, type TicketToPrint } from './print';

export interface StartOptions {
  /** The built shell's folder (kiosk/electron/dist): the preloads and the setup page's files. */
  dir: string;
  env?: NodeJS.ProcessEnv;
  print?: (config: KioskConfig, ticket: TicketToPrint) => Promise<PrintResult>;
  /** Wait before loading the kiosk page again after it failed (the server is down or still starting). */
  retryMs?: number;
  log?: (message: string) => void;
}

/** The renderer takes the device token from the fragment, which never reaches the server's logs. */
export const kioskPageUrl = (config: KioskConfig): string => `${config.serverUrl}/kiosk/#token=${encodeURIComponent(config.deviceToken)}`;

const SECURE_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const;

export function kioskWindowOptions(config: KioskConfig, dir: string): BrowserWindowConstructorOptions {
  return {
    title: 'Jiaohao kiosk',
    width: 1280,
    height: 800,
    kiosk: config.kiosk,
    fullscreen: config.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    webPreferences: { ...SECURE_PREFERENCES, preload: join(dir, 'preload.js'), devTools: !config.kiosk },
  };
}

export function setupWindowOptions(dir: string): BrowserWindowConstructorOptions {
  return {
    title: 'Jiaohao kiosk setup',
    width: 760,
    height: 860,
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_PREFERENCES, preload: join(dir, 'setup-preload.js'), devTools: false },
  };
}

/** Navigation and redirects only to allowed URLs (by parsed origin); no new windows, no webviews. */
export function lockDown(contents: WebContents, allowed: (url: string) => boolean, log: (message: string) => void): void {
  const guard = (what: string) => (event: { preventDefault(): void }, url: string) => {
    if (allowed(url)) return;
    event.preventDefault();
    log(`blocked ${what} to ${url.slice(0, 200)}`);
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  // A kiosk has one window: window.open and target=_blank open nothing, whatever the address.
  contents.setWindowOpenHandler(({ url }) => {
    log(`blocked a new window for ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Nothing is granted: no camera, microphone, location, notifications… (none is needed yet). No downloads. */
export function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

const SETUP_FILES = new Map<string, { file: string; type: string }>([
  ['/setup.html', { file: 'setup.html', type: 'text/html; charset=utf-8' }],
  ['/setup.js', { file: 'setup.js', type: 'text/javascript; charset=utf-8' }],
  ['/setup.css', { file: 'setup.css', type: 'text/css; charset=utf-8' }],
]);
export const SETUP_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The setup page's files on jiaohao://setup/, from a fixed list (no path is ever joined from the request). */
export async function serveSetupFile(dir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const entry = url.host === SETUP_HOST ? SETUP_FILES.get(url.pathname) : undefined;
  if (!entry) return new Response('Not found', { status: 404 });
  const body = await readFile(join(dir, entry.file));
  return new Response(body, {
    headers: { 'content-type': entry.type, 'content-security-policy': SETUP_CSP, 'x-content-type-options': 'nosniff' },
  });
}

/** Starts the shell; resolves once the first window is open (tests await it). */
export function start(options: StartOptions): Promise<void> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((message: string) => console.log(`kiosk: ${message}`));
  const retryMs = options.retryMs ?? 5_000;
  const dir = options.dir;

  // Both must happen before the app is ready.
  protocol.registerSchemesAsPrivileged([{ scheme: SETUP_SCHEME, privileges: { standard: true, secure: true } }]);
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    log('another kiosk shell is running; quitting');
    app.quit();
    return Promise.resolve();
  }
  // Whatever else gets created (a devtools window outside kiosk mode), it opens no window or webview.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());

  const openKiosk = (config: KioskConfig): BrowserWindow => {
    if (config.kiosk) Menu.setApplicationMenu(null);
    const win = new BrowserWindow(kioskWindowOptions(config, dir));
    const contents = win.webContents;
    lockDown(contents, (url) => sameOrigin(url, config.serverUrl), log);
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined); // no pinch zoom on the touch screen
    const url = kioskPageUrl(config); // holds the token: never logged
    const load = () => {
      if (!win.isDestroyed()) win.loadURL(url).catch(() => undefined); // did-fail-load says why
    };
    contents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
      if (!isMainFrame || code === -3) return; // -3 ERR_ABORTED: another navigation replaced it
      log(`the kiosk page did not load from ${config.serverUrl} (${description}); trying again in ${retryMs / 1000} s`);
      setTimeout(load, retryMs);
    });
    contents.on('render-process-gone', (_event, details) => {
      log(`the kiosk page's process ended (${details.reason}); reloading`);
      setTimeout(load, retryMs);
    });
    load();
    return win;
  };

  const openSetup = (): BrowserWindow => {
    const win = new BrowserWindow(setupWindowOptions(dir));
    lockDown(win.webContents, isSetupPageUrl, log);
    win.loadURL(SETUP_PAGE_URL).catch((error: Error) => log(`the setup page did not load: ${error.message}`));
    return win;
  };

  const ready = () => {
    lockDownSession(session.defaultSession);
    protocol.handle(SETUP_SCHEME, (request) => serveSetupFile(dir, request.url));

    const path = configPath(env, app.getPath('userData'));
    const loaded = loadConfig(path);
    let config = loaded.state === 'ok' ? loaded.config : null;
    const setupState: SetupState = {
      configPath: path,
      values: loaded.state === 'invalid' ? loaded.values : setupValuesOf(undefined),
      problems: loaded.state === 'invalid' ? loaded.problems : [],
    };
    let setupWindow: BrowserWindow | null = null;

    registerIpc({
      ipcMain,
      getConfig: () => config,
      print: options.print ?? ((settings, ticket) => printTicket(settings, ticket)),
      version: app.getVersion(),
      loadSetup: () => setupState,
      saveSetup: (values) => {
        const saved = saveSetup(path, values);
        if (!saved.ok) return { ok: false, problems: saved.problems };
        log(`settings saved to ${path}`);
        config = saved.config;
        openKiosk(saved.config); // before closing the setup window, or the app would quit
        setupWindow?.close();
        setupWindow = null;
        return { ok: true };
      },
    });

    if (config) {
      openKiosk(config);
    } else {
      log(
        loaded.state === 'invalid'
          ? `the settings in ${path} cannot be used: ${loaded.problems.map((p) => p.message).join('; ')}`
          : `no settings at ${path}; showing the setup page`,
      );
      setupWindow = openSetup();
    }
  };

  return app
    .whenReady()
    .then(ready)
    .catch((error: Error) => {
      console.error(`kiosk: cannot start: ${error.stack ?? error.message}`);
      app.exit(1);
    });
}
