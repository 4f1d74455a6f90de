// Display numbers: each service has its own numeric series per business date (1001–1999 shown
// with four digits), an optional letter prefix, and a separate series for priority tickets.
import type { NumberRange, Service, TicketClass } from './domain.schemas';

export type Series = 'normal' | 'priority' | 'appointment';

/** Where a series stands after the last ticket it gave out (null: none yet today). */
export interface SeriesPosition {
  readonly last: number | null;
  readonly cycle: number;
}

export type Allocation =
  | { ok: true; value: number; cycle: number; number: string }
  | { ok: false; code: 'range_exhausted' };

export function formatNumber(range: Pick<NumberRange, 'digits' | 'prefix'>, value: number): string {
  return range.prefix + String(value).padStart(range.digits, '0');
}

export function rangeSize(range: NumberRange): number {
  return range.end - range.start + 1;
}

/**
 * The next number of a series. `isHeld(value)` tells whether someone in the office still holds that
 * number today (waiting, at a counter, or missed and perhaps coming back): a wrapped series skips those so two people in the office never hold the same number.
 */
export function allocateNumber(
  range: NumberRange,
  position: SeriesPosition,
  isHeld: (value: number) => boolean = () => false,
): Allocation {
  const size = rangeSize(range);
  // A range changed during the day starts from its own first number, never outside the range.
  let value = position.last === null || position.last < range.start ? range.start : position.last + 1;
  let cycle = position.cycle;
  for (let tries = 0; tries < size; tries++) {
    if (value > range.end) {
      if (range.onExhausted === 'refuse') return { ok: false, code: 'range_exhausted' };
      value = range.start;
      cycle += 1;
    }
    // Before the first wrap no active ticket can hold a value past `last`.
    if (cycle === 0 || !isHeld(value)) {
      return { ok: true, value, cycle, number: formatNumber(range, value) };
    }
    value += 1;
  }
  return { ok: false, code: 'range_exhausted' };
}

/** Which series a ticket of this class draws from; priority and appointments fall back to normal. */
export function seriesFor(service: Pick<Service, 'priorityNumbering' | 'appointmentNumbering'>, cls: TicketClass): Series {
  if (cls === 'priority' && service.priorityNumbering) return 'priority';
  if (cls === 'appointment' && service.appointmentNumbering) return 'appointment';
  return 'normal';
}

export function rangeOf(
  service: Pick<Service, 'numbering' | 'priorityNumbering' | 'appointmentNumbering'>,
  series: Series,
): NumberRange {
  if (series === 'priority' && service.priorityNumbering) return service.priorityNumbering;
  if (series === 'appointment' && service.appointmentNumbering) return service.appointmentNumbering;
  return service.numbering;
}

export type RangeProblem = 'end_before_start' | 'too_many_digits' | 'ranges_overlap';

type RangesOf = Pick<Service, 'numbering' | 'priorityNumbering' | 'appointmentNumbering'>;

export function rangesOf(service: RangesOf): NumberRange[] {
  return [service.numbering, service.priorityNumbering, service.appointmentNumbering].filter((r): r is NumberRange => r !== null);
}

/** Whether two ranges can print the same number. */
export function rangesOverlap(a: NumberRange, b: NumberRange): boolean {
  return a.prefix === b.prefix && a.start <= b.end && b.start <= a.end;
}

/** Whether two services could print the same number (numbers must be unambiguous in the office). */
export function servicesOverlap(a: RangesOf, b: RangesOf): boolean {
  return rangesOf(a).some((ra) => rangesOf(b).some((rb) => rangesOverlap(ra, rb)));
}

/** Checks a service's ranges before they are saved. */
export function validateRanges(service: RangesOf): RangeProblem | null {
  const ranges = rangesOf(service);
  for (const r of ranges) {
    if (r.end < r.start) return 'end_before_start';
    if (String(r.end).length > r.digits) return 'too_many_digits';
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      if (rangesOverlap(ranges[i]!, ranges[j]!)) return 'ranges_overlap';
    }
  }
  return null;
}
