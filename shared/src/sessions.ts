// Whether tickets can be taken now: by hand (open/closed) or by the office's opening sessions.
import type { IssuingMode, OpeningSession } from './domain.schemas';
import { localTime } from './business-date';

export function sessionAt(sessions: readonly OpeningSession[], now: number, timeZone: string, serviceId?: string): OpeningSession | null {
  const t = localTime(now, timeZone);
  for (const s of sessions) {
    if (s.weekday !== t.weekday) continue;
    if (t.time < s.start || t.time >= s.end) continue;
    if (serviceId !== undefined && s.serviceIds !== null && !s.serviceIds.includes(serviceId)) continue;
    return s;
  }
  return null;
}

export function isIssuingOpen(
  mode: IssuingMode,
  sessions: readonly OpeningSession[],
  now: number,
  timeZone: string,
  serviceId?: string,
): boolean {
  if (mode === 'open') return true;
  if (mode === 'closed') return false;
  return sessionAt(sessions, now, timeZone, serviceId) !== null;
}
