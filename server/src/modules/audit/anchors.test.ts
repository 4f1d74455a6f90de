import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnchorFile, parseAnchors, sealAnchor, sealHolds } from './anchors';
import { AuditKeyError, loadAuditKey } from './audit-key';

const KEY = Buffer.from('k'.repeat(64));
const HEAD = { seq: 42, hash: 'a'.repeat(64) };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jiaohao-anchors-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sealed anchors', () => {
  it('hold with the key that sealed them, and with no other', () => {
    const anchor = sealAnchor(KEY, HEAD, '2026-12-01T09:00:00.000Z', 'timer');
    expect(anchor).toMatchObject({ seq: 42, hash: HEAD.hash, at: '2026-12-01T09:00:00.000Z', reason: 'timer', hmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sealHolds(KEY, anchor)).toBe(true);
    expect(sealHolds(Buffer.from('x'.repeat(64)), anchor)).toBe(false);
  });

  it('no field can change under the seal', () => {
    const anchor = sealAnchor(KEY, HEAD, '2026-12-01T09:00:00.000Z', 'timer');
    const changed = [
      { ...anchor, seq: 41 },
      { ...anchor, hash: 'b'.repeat(64) },
      { ...anchor, at: '2026-12-01T09:05:00.000Z' },
      { ...anchor, reason: 'stop' as const },
    ];
    for (const a of changed) expect(sealHolds(KEY, a), JSON.stringify(a)).toBe(false);
  });

  it('a line that is not an anchor is read back as such, with its line number', () => {
    const good = sealAnchor(KEY, HEAD, '2026-12-01T09:00:00.000Z', 'start');
    const text = [JSON.stringify(good), '{"seq":1', '', JSON.stringify({ ...good, extra: 1 }), JSON.stringify(good)].join('\n');
    expect(parseAnchors(`${text}\n`)).toEqual([
      { line: 1, anchor: good },
      { line: 2, anchor: null },
      { line: 4, anchor: null },
      { line: 5, anchor: good },
    ]);
  });
});

describe('the anchor file', () => {
  it('is appended to, never rewritten: lines already there stay, one JSON line per anchor, owner-only when created', () => {
    const path = join(dir, 'sub', 'anchors.jsonl');
    const file = new AnchorFile(path);
    expect(file.read()).toEqual([]);
    const a = sealAnchor(KEY, HEAD, '2026-12-01T09:00:00.000Z', 'start');
    file.append(a);
    writeFileSync(path, `${readFileSync(path, 'utf8')}not an anchor\n`);
    const b = sealAnchor(KEY, { seq: 43, hash: 'c'.repeat(64) }, '2026-12-01T09:05:00.000Z', 'timer');
    file.append(b);
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(a)}\nnot an anchor\n${JSON.stringify(b)}\n`);
    expect(file.read()).toEqual([
      { line: 1, anchor: a },
      { line: 2, anchor: null },
      { line: 3, anchor: b },
    ]);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('the audit key', () => {
  it('is created once (32 random bytes as hex, mode 0600) and read back the same on the next start', () => {
    const path = join(dir, 'keys', 'office.audit.key');
    const first = loadAuditKey(path);
    expect(first).toMatchObject({ path, created: true, exposed: false });
    expect(readFileSync(path, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = loadAuditKey(path);
    expect(second.created).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(loadAuditKey(join(dir, 'other.key')).key.equals(first.key)).toBe(false);
  });

  it('takes a key the office provides, says when others may read it, and refuses one too short to be a secret', () => {
    const path = join(dir, 'provided.key');
    writeFileSync(path, `${'f'.repeat(40)}\n`);
    chmodSync(path, 0o644);
    const key = loadAuditKey(path);
    expect(key.key.toString()).toBe('f'.repeat(40));
    if (process.platform !== 'win32') expect(key.exposed).toBe(true);
    writeFileSync(path, 'short\n');
    expect(() => loadAuditKey(path)).toThrow(AuditKeyError);
  });

  it('an in-memory database gets a fresh key in memory', () => {
    const a = loadAuditKey(null);
    expect(a).toMatchObject({ path: null, created: false });
    expect(a.key).toHaveLength(32);
    expect(loadAuditKey(null).key.equals(a.key)).toBe(false);
  });
});
