// Numbers are per business date in the office's time zone; a new date starts new series by itself.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** 0 = Sunday */
  readonly weekday: number;
  /** HH:MM */
  readonly time: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function localTime(now: number, timeZone = 'Asia/Taipei'): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(now)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    time: `${parts.hour}:${parts.minute}`,
  };
}

export function businessDate(now: number, timeZone = 'Asia/Taipei'): string {
  return localTime(now, timeZone).date;
}

/** The day after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The weekday of a YYYY-MM-DD date, 0 = Sunday (as OpeningSession.weekday counts). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** How far the zone's wall clock is ahead of UTC at `ms`, to the minute. */
function offsetAt(ms: number, timeZone: string): number {
  const t = localTime(ms, timeZone);
  const [y, m, d] = t.date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = t.time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm) - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The instant a wall-clock time (HH:MM) of a date (YYYY-MM-DD) names in the zone: when a session
 * that ends at 12:00 ends. Read back through Intl twice, so a guess on the far side of a
 * daylight-saving change settles on the zone's own offset.
 */
export function instantAt(date: string, time: string, timeZone = 'Asia/Taipei'): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const guess = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(guess, timeZone);
}
