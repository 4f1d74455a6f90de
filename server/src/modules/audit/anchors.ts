// Anchors: the head of the event log (seq and hash) sealed with the audit key and appended to a
// file outside the database, at start, at every day close, every few minutes and at shutdown.
//
// Why seal anchors rather than hash each new row with the key: the sha256 chain stays what it was,
// so rows written before the key existed, and every database already in an office, verify as
// before, and anyone can still check the chain's consistency without the secret (the crash test,
// an auditor handed a copy). The anchors add what the chain alone cannot: a rewritten row whose
// later hashes were all recomputed no longer has the anchored hash, and a log cut short ends below
// its last anchor. Forging a matching anchor needs the key. What is written after the last anchor
// (a few minutes, and never more than until a clean shutdown, which anchors the final head) is
// protected by the chain alone; cutting the anchor file's tail is caught only while the server
// that wrote it runs (it remembers its last anchor), which is why an office that wants more ships
// the file elsewhere (a syslog host, a USB stick at day close): every line stands on its own.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { LogPosition } from '../../core/engine';

export const ANCHOR_REASONS = ['start', 'timer', 'day:closed', 'day:started', 'stop'] as const;

export const Anchor = Type.Object(
  {
    seq: Type.Integer({ minimum: 0 }),
    hash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    at: Type.String({ minLength: 1 }),
    reason: Type.Union(ANCHOR_REASONS.map((r) => Type.Literal(r))),
    hmac: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);
export type Anchor = Static<typeof Anchor>;
export type AnchorReason = Anchor['reason'];

function hmacOf(key: Buffer, a: Omit<Anchor, 'hmac'>): string {
  // The label keeps a seal from ever being mistaken for any other HMAC made with the same key.
  return createHmac('sha256', key).update(JSON.stringify(['jiaohao-anchor/1', a.seq, a.hash, a.at, a.reason])).digest('hex');
}

export function sealAnchor(key: Buffer, head: LogPosition, at: string, reason: AnchorReason): Anchor {
  const anchor = { seq: head.seq, hash: head.hash, at, reason };
  return { ...anchor, hmac: hmacOf(key, anchor) };
}

/** The anchor was sealed with this key, and nothing in it changed since. */
export function sealHolds(key: Buffer, a: Anchor): boolean {
  return timingSafeEqual(Buffer.from(hmacOf(key, a), 'hex'), Buffer.from(a.hmac, 'hex'));
}

/** A line of the anchor file as read back: an anchor, or text that is not one. */
export type AnchorLine = { readonly line: number; readonly anchor: Anchor } | { readonly line: number; readonly anchor: null };

export function parseAnchors(text: string): AnchorLine[] {
  const out: AnchorLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = null;
    }
    out.push({ line: i + 1, anchor: Value.Check(Anchor, value) ? value : null });
  });
  return out;
}

/** Where anchors are kept. */
export interface AnchorStore {
  /** The file, or null when the anchors are held in memory (an in-memory database). */
  readonly path: string | null;
  /** Appends one anchor; it is on disk when this returns. */
  append(anchor: Anchor): void;
  read(): AnchorLine[];
}

/** An append-only JSON Lines file: opened in append mode and fsynced for every anchor. */
export class AnchorFile implements AnchorStore {
  constructor(readonly path: string) {}

  append(anchor: Anchor): void {
    const fresh = !existsSync(this.path);
    if (fresh) mkdirSync(dirname(this.path), { recursive: true });
    const fd = openSync(this.path, 'a', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(anchor)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (fresh) syncDir(dirname(this.path));
  }

  read(): AnchorLine[] {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return parseAnchors(text);
  }
}

/** The new file's name is durable too (not possible on every platform, hence best effort). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory; the file's own fsync is what matters most.
  }
}

export class MemoryAnchors implements AnchorStore {
  readonly path = null;
  private readonly anchors: Anchor[] = [];

  append(anchor: Anchor): void {
    this.anchors.push(anchor);
  }

  read(): AnchorLine[] {
    return this.anchors.map((anchor, i) => ({ line: i + 1, anchor }));
  }
}
