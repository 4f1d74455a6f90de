import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOST_AFTER_MS, watchLost } from './lost';

describe('watchLost', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says lost only once the server has been away for LOST_AFTER_MS, and found again at once', () => {
    const changes: boolean[] = [];
    const watch = watchLost((lost) => changes.push(lost));
    watch.set(false);
    vi.advanceTimersByTime(LOST_AFTER_MS - 1);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true]);
    watch.set(false); // still away: nothing new
    vi.advanceTimersByTime(LOST_AFTER_MS * 2);
    watch.set(true);
    expect(changes).toEqual([true, false]);
  });

  it('lets a blip pass unnoticed, and a stop cancels the pending timer', () => {
    const changes: boolean[] = [];
    const watch = watchLost((lost) => changes.push(lost), 1_000);
    watch.set(false);
    vi.advanceTimersByTime(900);
    watch.set(true);
    vi.advanceTimersByTime(5_000);
    watch.set(false);
    watch.stop();
    vi.advanceTimersByTime(5_000);
    expect(changes).toEqual([]);
  });
});
