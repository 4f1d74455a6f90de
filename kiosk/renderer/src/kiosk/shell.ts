// What the Electron shell offers the page (its preload's named functions on window.jiaohaoKiosk);
// absent in a plain browser, where the kiosk hands out e-tickets only. Kept in step with
// kiosk/electron/api.ts.
export type PrintResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'no_printer' | 'printer_error' | 'download_failed' | 'timeout'; readonly message: string };

export interface KioskShell {
  printTicket(ticketId: string, trackingToken: string): Promise<PrintResult>;
  getDeviceInfo(): Promise<{ readonly printer: string | null; readonly version: string; readonly shell: 'electron' }>;
}

export const kioskShell = (): KioskShell | null => (globalThis as { jiaohaoKiosk?: KioskShell }).jiaohaoKiosk ?? null;
