// The wait range shown on a ticket and on the public feeds.
import type { WaitEstimate } from './domain.schemas';

export interface EstimateInput {
  /** People ahead in the line (waiting tickets issued earlier for the same service). */
  readonly ahead: number;
  /** Open counters that serve the line. */
  readonly openCounters: number;
  /** Rolling mean handling time of the line, in minutes. */
  readonly handlingMinutes: number;
}

const STEP = 5;

/**
 * A range in whole minutes rounded to 5-minute steps ("10–15 min"), or null ("unknown") when no
 * open counter serves the line, so nobody is promised a wait that cannot happen.
 */
export function estimateWait({ ahead, openCounters, handlingMinutes }: EstimateInput): WaitEstimate {
  if (openCounters <= 0 || !Number.isFinite(handlingMinutes) || handlingMinutes <= 0) return null;
  if (ahead <= 0) return { min: 0, max: STEP };
  const expected = (ahead * handlingMinutes) / openCounters;
  const min = Math.floor((expected * 0.8) / STEP) * STEP;
  const max = Math.max(min + STEP, Math.ceil((expected * 1.2) / STEP) * STEP);
  return { min, max };
}

/** Mean handling time from recent durations (ms), falling back to the service's target. */
export function rollingHandlingMinutes(durationsMs: readonly number[], fallbackMinutes: number): number {
  const usable = durationsMs.filter((d) => d > 0 && Number.isFinite(d));
  if (usable.length === 0) return fallbackMinutes;
  const mean = usable.reduce((a, b) => a + b, 0) / usable.length / 60_000;
  // A handful of very quick cases (a clerk closing a mistaken call) must not promise a short wait.
  return Math.max(1, mean);
}
