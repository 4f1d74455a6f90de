// What the preloads expose to their pages, as types only: the kiosk renderer (no Node, no
// electron) declares the same shape for `window.jiaohaoKiosk`, and the setup page imports it.

/** Why a ticket did not print. */
export type PrintFailureReason =
  /** No printer is configured, or the configured CUPS queue does not exist. */
  | 'no_printer'
  /** The print service or the printer refused, failed, or ended the job without printing it. */
  | 'printer_error'
  /** The ticket PDF could not be fetched from the server (HTTP error, not a PDF, too slow). */
  | 'download_failed'
  /** The printer did not finish the job in time; the job was cancelled so it never prints later. */
  | 'timeout';

/** `message` is for logs and staff, in English; the renderer shows its own words per `reason`. */
export type PrintResult = { ok: true } | { ok: false; reason: PrintFailureReason; message: string };

export interface DeviceInfo {
  /** The CUPS queue tickets go to; null when none is configured (QR e-tickets only). */
  printer: string | null;
  /** The kiosk shell's version. */
  version: string;
  shell: 'electron';
}

/** `window.jiaohaoKiosk` on the server's kiosk page. */
export interface JiaohaoKioskApi {
  /** Resolves with the outcome; rejects only when called wrongly (bad arguments, another origin). */
  printTicket(ticketId: string, trackingToken: string): Promise<PrintResult>;
  getDeviceInfo(): Promise<DeviceInfo>;
}

// ---- The first-run setup page (setup/), `window.jiaohaoSetup` ----

/** The form's fields; `printer` is '' for none. */
export interface SetupValues {
  serverUrl: string;
  deviceToken: string;
  printer: string;
  kiosk: boolean;
}

export type SetupField = keyof SetupValues;

/** A problem with the settings; `field` is null when it is about the file as a whole. */
export interface SetupProblem {
  field: SetupField | null;
  message: string;
}

export interface SetupState {
  /** Where the settings are saved. */
  configPath: string;
  /** What the file holds now (defaults when there is no file). */
  values: SetupValues;
  /** Why the file could not be used; empty on a first run. */
  problems: SetupProblem[];
}

export type SetupSaveResult = { ok: true } | { ok: false; problems: SetupProblem[] };

export interface JiaohaoSetupApi {
  load(): Promise<SetupState>;
  /** Saves and starts the kiosk; or says what to fix. */
  save(values: SetupValues): Promise<SetupSaveResult>;
}
