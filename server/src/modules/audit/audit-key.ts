// The secret that seals the audit anchors. It lives outside the database file, so someone holding
// only the database can rewrite rows and recompute every sha256 hash, yet cannot seal an anchor
// for the rewritten log, and the anchors already sealed no longer match it.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Key files shorter than this (in bytes, as text) are refused rather than trusted. */
const MIN_KEY_LENGTH = 32;

export interface AuditKey {
  readonly key: Buffer;
  /** Where it is kept, or null for a key held in memory (an in-memory database). */
  readonly path: string | null;
  /** This start created the file. */
  readonly created: boolean;
  /** Other users may read the file (its mode allows group or world access). */
  readonly exposed: boolean;
}

export class AuditKeyError extends Error {}

/**
 * Reads the key file, or creates it (mode 0600, 32 random bytes written as hex) when missing.
 * Any text of at least 32 bytes serves as a key, so an office may provide its own
 * (`openssl rand -hex 32 > audit.key`). `null` keeps a fresh key in memory.
 */
export function loadAuditKey(path: string | null): AuditKey {
  if (path === null) return { key: randomBytes(32), path: null, created: false, exposed: false };
  let created = false;
  try {
    mkdirSync(dirname(path), { recursive: true });
    // 'wx': never overwrite a key another process created in the meantime.
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    created = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'utf8');
  if (key.length < MIN_KEY_LENGTH) throw new AuditKeyError(`the audit key file ${path} holds fewer than ${MIN_KEY_LENGTH} bytes`);
  const exposed = process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0;
  return { key, path, created, exposed };
}
