// What the wall shows, as a pure function of the office state, the display's zone and the time
// (STYLE.md habit 14): the newest call, the calls before it, each line's number and queue, the
// announcements and how the office stands. Numbers, lines and counters only: never a person.
import {
  activeAnnouncements,
  countersInOrder,
  issuingFor,
  servicesInOrder,
  type OfficeState,
} from '@jiaohao/shared/reducer';
import { sessionAt } from '@jiaohao/shared/rules';
import type { Announcement, DisplaySettings, IssuingStatus, LocalizedText, RecentCall } from '@jiaohao/shared/schemas';

/** How long the newest call stays highlighted after it arrives. */
export const HIGHLIGHT_MS = 8_000;
/** The calls listed under the newest one. */
export const HISTORY_SIZE = 7;

export interface Zone {
  /** The lines shown; null: every line. */
  readonly serviceIds: readonly string[] | null;
  /** The counters whose calls are shown; null: every counter. */
  readonly counterIds: readonly string[] | null;
}

export const EVERY_ZONE: Zone = { serviceIds: null, counterIds: null };

export const zoneOf = (settings: DisplaySettings | null | undefined): Zone =>
  settings ? { serviceIds: settings.serviceIds, counterIds: settings.counterIds } : EVERY_ZONE;

/** A call belongs to the zone when its counter and its line both do. */
export function inZone(zone: Zone, call: Pick<RecentCall, 'serviceId' | 'counterId'>): boolean {
  return (zone.counterIds === null || zone.counterIds.includes(call.counterId)) && (zone.serviceIds === null || zone.serviceIds.includes(call.serviceId));
}

/** The zone's calls, newest first (the state keeps them so). */
export const callsInZone = (state: OfficeState, zone: Zone): RecentCall[] => state.recentCalls.filter((c) => inZone(zone, c));

export interface CallView {
  /** The call's event seq: unique, a stable React key. */
  readonly key: number;
  readonly number: string;
  readonly counterNumber: number;
  readonly counterNames: LocalizedText | null;
  readonly serviceNames: LocalizedText | null;
  readonly recall: boolean;
  readonly at: string;
}

export interface LineView {
  readonly id: string;
  readonly names: LocalizedText;
  /** The number last called in this line (today), or null. */
  readonly nowServing: string | null;
  readonly waiting: number;
  readonly issuing: IssuingStatus;
}

export type OfficeStanding =
  | { readonly kind: 'open'; readonly session: 'regular' | 'noon' | 'evening' | 'weekend' }
  | { readonly kind: 'closure'; readonly reason: LocalizedText }
  | { readonly kind: 'stopped'; readonly reason: string }
  | { readonly kind: 'issuingClosed' }
  | { readonly kind: 'dayClosed' }
  | { readonly kind: 'outside' };

export interface WallModel {
  readonly officeNames: LocalizedText;
  readonly timeZone: string;
  readonly latest: CallView | null;
  /** The newest call arrived less than HIGHLIGHT_MS ago (a recall too). */
  readonly highlight: boolean;
  readonly history: readonly CallView[];
  readonly lines: readonly LineView[];
  readonly announcements: readonly Announcement[];
  readonly standing: OfficeStanding;
}

function callView(state: OfficeState, call: RecentCall): CallView {
  const counter = state.counters[call.counterId];
  return {
    key: call.seq,
    number: call.number,
    counterNumber: counter?.number ?? 0,
    counterNames: counter?.names ?? null,
    serviceNames: state.services[call.serviceId]?.names ?? null,
    recall: call.recall,
    at: call.at,
  };
}

/** How the office stands at `now`: an emergency closure first, then a stop, then the sessions. */
export function standingOf(state: OfficeState, now: number): OfficeStanding {
  if (state.closure) return { kind: 'closure', reason: state.closure.reason };
  const issuing = issuingFor(state, now);
  if (issuing.open) {
    const session = sessionAt(state.office, now, state.office.timeZone);
    return { kind: 'open', session: session?.kind ?? 'regular' };
  }
  switch (issuing.reason) {
    case 'day_closed':
      return { kind: 'dayClosed' };
    case 'issuing_closed':
      return { kind: 'issuingClosed' };
    // office_closed comes with a closure, handled above.
    case 'office_closed':
    case 'outside_session':
    case null:
      return { kind: 'outside' };
    default:
      return { kind: 'stopped', reason: issuing.reason };
  }
}

/** The wall at `now` (the server's time: the store's clock offset applied). */
export function wallModel(state: OfficeState, zone: Zone, now: number): WallModel {
  const calls = callsInZone(state, zone);
  const [newest, ...before] = calls;
  const lines = servicesInOrder(state.services)
    .filter((s) => zone.serviceIds === null || zone.serviceIds.includes(s.id))
    .map((s): LineView => {
      const waiting = Object.values(state.tickets).filter((t) => t.serviceId === s.id && t.state === 'waiting').length;
      return { id: s.id, names: s.names, nowServing: lastCalledIn(state, s.id, calls, zone), waiting, issuing: issuingFor(state, now, s.id) };
    });
  const shown = new Set(lines.map((l) => l.id));
  const announcements = activeAnnouncements(state, now).filter(
    (a) => zone.serviceIds === null || a.serviceIds === null || a.serviceIds.some((id) => shown.has(id)),
  );
  return {
    officeNames: state.office.names,
    timeZone: state.office.timeZone,
    latest: newest ? callView(state, newest) : null,
    highlight: newest !== undefined && now - Date.parse(newest.at) < HIGHLIGHT_MS,
    history: distinctTickets(before, newest?.ticketId).slice(0, HISTORY_SIZE).map((c) => callView(state, c)),
    lines,
    announcements,
    standing: standingOf(state, now),
  };
}

/** Each ticket once, at its newest call, leaving out the one called now: a recall does not list it twice. */
function distinctTickets(calls: readonly RecentCall[], now: string | undefined): RecentCall[] {
  const seen = new Set(now === undefined ? [] : [now]);
  return calls.filter((c) => !seen.has(c.ticketId) && seen.add(c.ticketId));
}

/**
 * The number a line called last at the zone's counters: its newest call among `calls` (the zone's),
 * else the newest of its tickets at one of those counters (a call older than the recent ones kept).
 */
export function lastCalledIn(state: OfficeState, serviceId: string, calls: readonly RecentCall[], zone: Zone): string | null {
  const call = calls.find((c) => c.serviceId === serviceId);
  if (call) return call.number;
  const atCounters = Object.values(state.tickets)
    .filter((t) => t.serviceId === serviceId && t.calledAt !== null && (t.state === 'called' || t.state === 'serving'))
    .filter((t) => t.counterId !== null && (zone.counterIds === null || zone.counterIds.includes(t.counterId)))
    .sort((a, b) => (b.calledAt ?? '').localeCompare(a.calledAt ?? ''));
  return atCounters[0]?.number ?? null;
}

/** The counters a zone names, in order (for a zone's caption). */
export const zoneCounters = (state: OfficeState, zone: Zone) =>
  countersInOrder(state.counters).filter((c) => zone.counterIds === null || zone.counterIds.includes(c.id));
