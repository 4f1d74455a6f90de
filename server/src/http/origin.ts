// Same-origin checks for requests a browser makes with its session cookie (sockets, REST changes):
// a page on another site must not act with a clerk's cookie.

/**
 * Whether a request's `Origin` is this server (or listed in JIAOHAO_ALLOWED_ORIGINS). A request
 * without an Origin (a device, curl, a same-origin GET) is not a cross-site browser request.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
