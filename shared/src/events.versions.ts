// Stored events keep the shape they were written in; each row carries the schema version it was
// written at. Reading an old row upgrades it step by step to the current shape, so the log stays
// readable however the contract grows. When an event's data changes shape (a field added to
// Ticket, say), bump EVENT_VERSION and add the step from the previous version here.
import { Value } from '@sinclair/typebox/value';
import type { TSchema } from '@sinclair/typebox';
import { DomainEvent, type DomainEventType } from './events.schemas';

/** The version events are written at now. */
export const EVENT_VERSION = 2;

/** An event as read from storage, before it is known to fit the current schema. */
export interface StoredEvent {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor: { readonly kind: string; readonly id: string | null };
  readonly reason: string | null;
  readonly data: unknown;
}

/** UPGRADES[v] turns an event stored at version v into one of version v + 1. */
export type EventUpgrade = (event: StoredEvent) => StoredEvent;
export const EVENT_UPGRADES: Readonly<Record<number, EventUpgrade>> = {
  // 1 → 2: the office got its holidays and make-up days; an office written before had none.
  1: (e) => {
    if (e.type !== 'office:updated') return e;
    const data = e.data as { office?: Record<string, unknown> } | null;
    const office = data?.office;
    if (!office || typeof office !== 'object' || 'specialDays' in office) return e;
    return { ...e, data: { ...data, office: { ...office, specialDays: [] } } };
  },
};

const schemaOf = new Map<string, TSchema>(DomainEvent.anyOf.map((s) => [s.properties.type.const as DomainEventType, s]));

export interface UpgradeOutcome {
  readonly event: DomainEvent;
  /** The stored event did not fit even after its upgrades; missing parts were filled with defaults. */
  readonly repaired: boolean;
}

/**
 * The current shape of an event stored at `version`. A row that still does not fit (an upgrade
 * step someone forgot, a row edited by hand) is cast to the schema of its type rather than
 * refused, so reading the log never fails; `repaired` says so, for the log.
 */
export function upgradeEvent(
  stored: StoredEvent,
  version: number,
  upgrades: Readonly<Record<number, EventUpgrade>> = EVENT_UPGRADES,
  current: number = EVENT_VERSION,
): UpgradeOutcome {
  let event = stored;
  for (let v = version; v < current; v++) {
    const step = upgrades[v];
    if (step) event = step(event);
  }
  if (Value.Check(DomainEvent, event)) return { event, repaired: false };
  const schema = schemaOf.get(event.type);
  if (!schema) throw new Error(`event ${stored.seq} has an unknown type "${stored.type}"`);
  return { event: Value.Cast(schema, event) as DomainEvent, repaired: true };
}
