import { describe, expect, it } from 'vitest';
import { SlidingWindow } from './limits';

describe('SlidingWindow', () => {
  it('allows max runs per window and key, then refuses with the time until the oldest leaves', () => {
    const w = new SlidingWindow({ max: 3, windowMs: 60_000 });
    expect([0, 10_000, 20_000].map((t) => w.take('k1', t).ok)).toEqual([true, true, true]);
    expect(w.take('k1', 30_000)).toEqual({ ok: false, retryAfterMs: 30_000, count: 3, first: true });
    expect(w.take('k2', 30_000).ok).toBe(true); // another caller has its own window
    expect(w.take('k1', 59_999).ok).toBe(false);
    expect(w.take('k1', 60_000).ok).toBe(true); // the run at 0 left the window
  });

  it('marks only the first refusal of a burst', () => {
    const w = new SlidingWindow({ max: 1, windowMs: 1_000 });
    w.take('k', 0);
    const firsts = [100, 200, 300].map((t) => w.take('k', t)).map((v) => !v.ok && v.first);
    expect(firsts).toEqual([true, false, false]);
    w.take('k', 1_000);
    const next = w.take('k', 1_100);
    expect(!next.ok && next.first).toBe(true); // a new burst is reported again
  });

  it('forgets idle callers when it holds many (memory stays bounded)', () => {
    const w = new SlidingWindow({ max: 1, windowMs: 1_000 });
    for (let i = 0; i < 1_000; i++) w.take(`k${i}`, 0);
    w.take('late', 5_000);
    expect((w as unknown as { windows: Map<string, unknown> }).windows.size).toBe(1);
  });
});
