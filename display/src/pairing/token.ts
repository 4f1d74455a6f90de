// Pairing: the admin's pairing link opens /display/#token=<device token>. The token is kept in this
// browser's storage (so the TV shows the wall again after a restart) and taken out of the address
// bar at once; the fragment never reaches the server in a request line or a log.
const STORAGE_KEY = 'jiaohao.display.token';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

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
export function takeToken(location: Pick<Location, 'hash' | 'pathname' | 'search'>, history: Pick<History, 'replaceState'>, storage: Store | undefined): Pairing {
  const linked = tokenInHash(location.hash);
  if (linked) {
    keepToken(storage, linked);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return { token: linked, fromLink: true };
  }
  return { token: safely(() => storage?.getItem(STORAGE_KEY) ?? null) ?? null, fromLink: false };
}

export const keepToken = (storage: Store | undefined, token: string) => safely(() => storage?.setItem(STORAGE_KEY, token));
export const forgetToken = (storage: Store | undefined) => safely(() => storage?.removeItem(STORAGE_KEY));

/** Storage can be switched off (a locked-down kiosk browser): the token then lasts for the page. */
function safely<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}
