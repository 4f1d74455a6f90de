// IPC channel names, shared by the preloads and the main process (no Node: the preloads are
// sandboxed).
export const CHANNELS = {
  printTicket: 'kiosk:print-ticket',
  deviceInfo: 'kiosk:device-info',
  setupLoad: 'setup:load',
  setupSave: 'setup:save',
} as const;

/** The local first-run setup page is served on this privileged scheme, never from file:// (Electron's security checklist). */
export const SETUP_SCHEME = 'jiaohao';
export const SETUP_HOST = 'setup';
export const SETUP_PAGE_URL = `${SETUP_SCHEME}://${SETUP_HOST}/setup.html`;
