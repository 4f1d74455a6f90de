// Tokens (staff sessions, devices, tickets' tracking tokens) are stored and looked up by hash only.
import { createHash } from 'node:crypto';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
