import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { DomainEvent } from './events.schemas';
import { EVENT_VERSION, upgradeEvent, type EventUpgrade, type StoredEvent } from './events.versions';
import { office, ticket } from './testing/builders';

const issued = (data: unknown): StoredEvent => ({
  seq: 7,
  type: 'ticket:issued',
  at: '2026-12-01T01:00:00.000Z',
  actor: { kind: 'device', id: 'kiosk-1' },
  reason: null,
  data,
});

// A ticket as an older version stored it: before `estimateAtIssue` and `recallCount` existed.
const { estimateAtIssue: _e, recallCount: _r, ...oldTicket } = ticket();

describe('upgradeEvent', () => {
  it('passes an event of the current version through unchanged', () => {
    const stored = issued({ ticket: ticket() });
    const { event, repaired } = upgradeEvent(stored, EVENT_VERSION);
    expect(repaired).toBe(false);
    expect(event).toEqual(stored);
  });

  it('runs every step from the stored version up to the current one, in order', () => {
    const steps: Record<number, EventUpgrade> = {
      1: (e) => ({ ...e, data: { ticket: { ...(e.data as { ticket: object }).ticket, recallCount: 0 } } }),
      2: (e) => ({ ...e, data: { ticket: { ...(e.data as { ticket: object }).ticket, estimateAtIssue: null } } }),
    };
    const { event, repaired } = upgradeEvent(issued({ ticket: oldTicket }), 1, steps, 3);
    expect(repaired).toBe(false);
    expect(Value.Check(DomainEvent, event)).toBe(true);
    expect(event.data).toMatchObject({ ticket: { recallCount: 0, estimateAtIssue: null } });
    // A row already at version 2 only gets the step from 2.
    const fromTwo = upgradeEvent(issued({ ticket: { ...oldTicket, recallCount: 4 } }), 2, steps, 3);
    expect(fromTwo.event.data).toMatchObject({ ticket: { recallCount: 4, estimateAtIssue: null } });
  });

  it('an old row that no step upgrades is cast to its schema and marked repaired, never refused', () => {
    const { event, repaired } = upgradeEvent(issued({ ticket: oldTicket }), 1, {}, 2);
    expect(repaired).toBe(true);
    expect(Value.Check(DomainEvent, event)).toBe(true);
    // What was there is kept.
    expect(event.data).toMatchObject({ ticket: { id: oldTicket.id, number: oldTicket.number, state: 'waiting' } });
  });

  it('1 → 2: an office stored before its holidays and make-up days has none', () => {
    const { specialDays: _s, ...oldOffice } = office();
    const stored: StoredEvent = { ...issued({}), type: 'office:updated', data: { office: oldOffice } };
    const { event, repaired } = upgradeEvent(stored, 1);
    expect(repaired).toBe(false);
    expect(event.data).toEqual({ office: { ...oldOffice, specialDays: [] } });
    // Other events, and an office that has them, pass as they are.
    const days = [{ date: '2027-01-01', kind: 'closed' as const, name: { 'zh-TW': '元旦' } }];
    expect(upgradeEvent({ ...stored, data: { office: office({ specialDays: days }) } }, 1).event.data).toEqual({ office: office({ specialDays: days }) });
    expect(upgradeEvent(issued({ ticket: ticket() }), 1)).toEqual({ event: issued({ ticket: ticket() }), repaired: false });
  });

  it('an unknown event type is an error (no schema to read it by)', () => {
    expect(() => upgradeEvent({ ...issued({}), type: 'ticket:teleported' }, EVENT_VERSION)).toThrow(/unknown type/);
  });
});
