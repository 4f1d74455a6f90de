// Pairing a device (a wall display, a kiosk): the admin's pairing link opens its page with
// #token=<device token>. The token is kept in this browser's storage under the client's own key (so
// the screen comes back by itself after a restart) and taken out of the address bar at once; the
// fragment never reaches the server in a request line or a log.

export type TokenStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The token in a `#token=…` fragment, or null. */
export function tokenInHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token ? token : null;
}

export interface Pairing {
  readonly token: string | null;
  /** The token came with the page (the pairing link): someone is setting the display up now. */
  readonly fromLink: boolean;
}

/** The token from the link (kept, and removed from the address), else the one kept before. */
export function takeToken(
  key: string,
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
  storage: TokenStore | undefined,
): Pairing {
  const linked = tokenInHash(location.hash);
  if (linked) {
    keepToken(key, storage, linked);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return { token: linked, fromLink: true };
  }
  return { token: safely(() => storage?.getItem(key) ?? null) ?? null, fromLink: false };
}

export const keepToken = (key: string, storage: TokenStore | undefined, token: string) => safely(() => storage?.setItem(key, token));
export const forgetToken = (key: string, storage: TokenStore | undefined) => safely(() => storage?.removeItem(key));

/** Storage can be switched off (a locked-down kiosk browser): the token then lasts for the page. */
function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
