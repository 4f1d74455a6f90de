// Origin checks by parsed URL, never by string prefix: `https://server.example.com.evil.com` and
// `https://server.example.com@evil.com` both start with the server's address.
import { SETUP_HOST, SETUP_SCHEME } from './channels';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The origin (scheme, host, port) of an http(s) URL; null for anything else (javascript:, file:,
 * data:, about:, unparsable) and for URLs carrying a user name or password, which nothing of ours
 * uses and which only serve to disguise an address.
 */
export function httpOrigin(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.origin; // lower-cased host, default port dropped, IDN in punycode
}

/** Whether `url` is on the server's origin. */
export function sameOrigin(url: string, serverUrl: string): boolean {
  const origin = httpOrigin(url);
  return origin !== null && origin === httpOrigin(serverUrl);
}

/** Whether `url` is the shell's own setup page (`jiaohao://setup/…`). */
export function isSetupPageUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${SETUP_SCHEME}:` &&
    parsed.host === SETUP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}
