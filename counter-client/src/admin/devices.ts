// Pairing a display or a kiosk: the page it opens with its token in the fragment (never sent to
// the server in a request line or a log), and the order the admin reads the list in. Pure.
import type { Device, DeviceKind } from '@jiaohao/shared/schemas';

/** The link a device is paired with: its client's page, the token after `#`. */
export const pairingLink = (origin: string, kind: DeviceKind, token: string): string =>
  `${origin}/${kind}/#token=${encodeURIComponent(token)}`;

/** Devices in use first, newest first; revoked ones after. */
export function sortDevices(devices: readonly Device[]): Device[] {
  return [...devices].sort(
    (a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
  );
}
