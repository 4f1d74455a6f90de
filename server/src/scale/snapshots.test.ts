// The snapshot records a public node reads from Redis (anything there may be missing, old or broken),
// and how a node picks the office a request or handshake means.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/fixtures';
import type { PublicView } from '../modules/public/public.service';
import { encodeEntry, encodeSnapshot, isNewer, OfficeEntry, parseSnapshot } from './snapshots';
import { selectOffice } from './redis-source';
import { Value } from '@sinclair/typebox/value';

let t: TestApp;
let view: PublicView;
beforeEach(async () => {
  t = await testApp();
  view = t.services.feed.current();
});
afterEach(() => t.close());

describe('parseSnapshot', () => {
  it('reads back what the office wrote: the same bytes and ETags, the status parsed', () => {
    const got = parseSnapshot(encodeSnapshot(view, 'boot-1', 7, t.clock.now));
    expect(got).not.toBeNull();
    expect(got!.view.json).toBe(view.json);
    expect(got!.view.etag).toBe(view.etag);
    expect(got!.view.townpass).toEqual(view.townpass);
    expect(got!.view.queueMonitor).toEqual(view.queueMonitor);
    expect(got!.view.status).toEqual(view.status);
    expect(got).toMatchObject({ boot: 'boot-1', rev: 7, publishedAt: new Date(t.clock.now).toISOString() });
  });

  it.each([
    ['a missing key', null],
    ['not a string', 42],
    ['not JSON', '{"v":1,'],
    ['JSON but not an object', '"hello"'],
    ['an empty object', '{}'],
  ])('is null for %s', (_what, text) => {
    expect(parseSnapshot(text)).toBeNull();
  });

  it('is null for another version, a status that breaks the contract, or feed bodies that are not JSON', () => {
    const good = JSON.parse(encodeSnapshot(view, 'b', 1, t.clock.now)) as Record<string, unknown> & { status: { json: string; etag: string } };
    const variant = (change: (r: typeof good) => void) => {
      const r = structuredClone(good);
      change(r);
      return JSON.stringify(r);
    };
    expect(parseSnapshot(variant((r) => (r.v = 2)))).toBeNull();
    expect(parseSnapshot(variant((r) => (r.rev = -1)))).toBeNull();
    expect(parseSnapshot(variant((r) => (r.status.etag = 'no quotes')))).toBeNull();
    expect(parseSnapshot(variant((r) => (r.status.json = JSON.stringify({ ...view.status, seq: 'many' }))))).toBeNull();
    expect(parseSnapshot(variant((r) => (r.status.json = 'not json')))).toBeNull();
    expect(parseSnapshot(variant((r) => ((r.townpass as { json: string }).json = '{broken')))).toBeNull();
    expect(parseSnapshot(variant((r) => delete r.queueMonitor))).toBeNull();
  });

  it('an entry names the office and when its data changed', () => {
    const entry = JSON.parse(encodeEntry(view, t.clock.now)) as unknown;
    expect(Value.Check(OfficeEntry, entry)).toBe(true);
    expect(entry).toMatchObject({ id: view.status.office.id, names: view.status.office.names, updatedAt: view.status.updatedAt });
  });
});

describe('isNewer', () => {
  it('takes a later publication of the same boot, or any of another boot; never an older one', () => {
    const at = (boot: string, rev: number) => parseSnapshot(encodeSnapshot(view, boot, rev, t.clock.now))!;
    expect(isNewer(undefined, at('a', 1))).toBe(true);
    expect(isNewer(at('a', 2), at('a', 3))).toBe(true);
    expect(isNewer(at('a', 3), at('a', 3))).toBe(false);
    expect(isNewer(at('a', 3), at('a', 2))).toBe(false);
    expect(isNewer(at('a', 9), at('b', 1))).toBe(true);
  });
});

describe('selectOffice', () => {
  const one = new Map([['north', 'N']]);
  const two = new Map([
    ['north', 'N'],
    ['west', 'W'],
  ]);
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return (err as { code?: string }).code;
    }
    return 'no refusal';
  };

  it('picks the office asked for, and the only one when none is asked', () => {
    expect(selectOffice(two, 'west')).toBe('W');
    expect(selectOffice(one, undefined)).toBe('N');
    expect(selectOffice(one, 'north')).toBe('N');
  });

  it('refuses an unknown office (not_found), none at all (not_found), and a choice left open (validation_failed)', () => {
    expect(refusal(() => selectOffice(one, 'east'))).toBe('not_found');
    expect(refusal(() => selectOffice(new Map(), undefined))).toBe('not_found');
    expect(refusal(() => selectOffice(two, undefined))).toBe('validation_failed');
  });
});
