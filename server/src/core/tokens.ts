// Tokens (staff sessions, devices, tickets' tracking tokens) are stored and looked up by hash only.
import { createHash } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token's prefix says what it is, so a lookup never searches the wrong table. */
export const STAFF_TOKEN_PREFIX = 'jhs_';
export const DEVICE_TOKEN_PREFIX = 'jhd_';
