// The IPC handlers. Every call is checked before anything happens: the calling frame must be the
// top frame of the page allowed to use that channel (the server's origin for the kiosk API, the
// shell's own setup page for setup), and every argument must have the expected type, length and
// characters. A refused call rejects; the page gets no detail beyond the channel name.
import type { DeviceInfo, PrintResult, SetupSaveResult, SetupState, SetupValues } from './api';
import { CHANNELS } from './channels';
import type { KioskConfig } from './config';
import { isSetupPageUrl, sameOrigin } from './origin';
import type { TicketToPrint } from './print';

/** What the handlers read of Electron's IpcMainInvokeEvent (a structural subset, so tests need no Electron). */
export interface InvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcRegistrar {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

export interface IpcDeps {
  ipcMain: IpcRegistrar;
  /** The settings in force; null while the setup page is showing. */
  getConfig(): KioskConfig | null;
  print(config: KioskConfig, ticket: TicketToPrint): Promise<PrintResult>;
  version: string;
  loadSetup(): SetupState;
  saveSetup(values: SetupValues): SetupSaveResult;
  log?: (message: string) => void;
}

/** A ticket id as the server makes them (shared's Id: a UUID today). */
const TICKET_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A tracking token (base64url; 24 characters today). */
const TRACKING_TOKEN = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_SETUP_TEXT = 1024;

export function parsePrintArgs(args: readonly unknown[]): TicketToPrint | null {
  if (args.length !== 2) return null;
  const [ticketId, trackingToken] = args;
  if (typeof ticketId !== 'string' || !TICKET_ID.test(ticketId)) return null;
  if (typeof trackingToken !== 'string' || !TRACKING_TOKEN.test(trackingToken)) return null;
  return { ticketId, trackingToken };
}

/** The form's shape only; config.ts judges the values and says what is wrong with them. */
export function parseSetupValues(args: readonly unknown[]): SetupValues | null {
  if (args.length !== 1) return null;
  const [values] = args;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return null;
  const v = values as Record<string, unknown>;
  const keys = Object.keys(v).sort();
  if (keys.join() !== 'deviceToken,kiosk,printer,serverUrl') return null;
  const text = (x: unknown) => typeof x === 'string' && x.length <= MAX_SETUP_TEXT;
  if (!text(v.serverUrl) || !text(v.deviceToken) || !text(v.printer) || typeof v.kiosk !== 'boolean') return null;
  return { serverUrl: v.serverUrl as string, deviceToken: v.deviceToken as string, printer: v.printer as string, kiosk: v.kiosk };
}

/** The URL of the calling frame, when it is a top frame. */
function topFrameUrl(event: InvokeEvent): string | null {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return null;
  return frame.url;
}

export function registerIpc(deps: IpcDeps): void {
  const log = deps.log ?? ((message: string) => console.warn(`kiosk: ${message}`));
  const refuse = (channel: string, why: string): never => {
    log(`refused ${channel}: ${why}`);
    throw new Error(`${channel} refused`);
  };

  /** The settings, when the caller is the server's page. */
  const fromServerPage = (channel: string, event: InvokeEvent): KioskConfig => {
    const config = deps.getConfig();
    const url = topFrameUrl(event);
    if (!config) return refuse(channel, 'the kiosk is not set up');
    if (url === null || !sameOrigin(url, config.serverUrl)) return refuse(channel, `caller is not the server's page (${url ?? 'no frame'})`);
    return config;
  };
  const fromSetupPage = (channel: string, event: InvokeEvent): void => {
    const url = topFrameUrl(event);
    if (url === null || !isSetupPageUrl(url)) refuse(channel, `caller is not the setup page (${url ?? 'no frame'})`);
  };

  // One ticket at a time: a second one waits for the printer rather than racing the first.
  let printing: Promise<unknown> = Promise.resolve();

  deps.ipcMain.handle(CHANNELS.printTicket, (event, ...args) => {
    const config = fromServerPage(CHANNELS.printTicket, event);
    const ticket = parsePrintArgs(args) ?? refuse(CHANNELS.printTicket, 'arguments are not (ticketId, trackingToken)');
    const result = printing.then(() => deps.print(config, ticket));
    printing = result.catch(() => undefined);
    return result;
  });

  deps.ipcMain.handle(CHANNELS.deviceInfo, (event, ...args): DeviceInfo => {
    const config = fromServerPage(CHANNELS.deviceInfo, event);
    if (args.length !== 0) refuse(CHANNELS.deviceInfo, 'takes no arguments');
    return { printer: config.printer, version: deps.version, shell: 'electron' };
  });

  deps.ipcMain.handle(CHANNELS.setupLoad, (event, ...args): SetupState => {
    fromSetupPage(CHANNELS.setupLoad, event);
    if (args.length !== 0) refuse(CHANNELS.setupLoad, 'takes no arguments');
    return deps.loadSetup();
  });

  deps.ipcMain.handle(CHANNELS.setupSave, (event, ...args): SetupSaveResult => {
    fromSetupPage(CHANNELS.setupSave, event);
    const values = parseSetupValues(args) ?? refuse(CHANNELS.setupSave, 'argument is not the setup form');
    return deps.saveSetup(values);
  });
}
