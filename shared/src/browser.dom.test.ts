// What a web client does with shared/, through the package entries it imports: check a snapshot
// that came over the wire, build the office state, apply an event, and the state still makes a
// valid snapshot. Runs in the jsdom project (`*.dom.test.ts`) and passes in node too.
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { applyEvent, fromSnapshot, type OfficeState } from '@jiaohao/shared/reducer';
import { DomainEvent, Snapshot, type EventOf } from '@jiaohao/shared/schemas';
import * as testing from '@jiaohao/shared/testing';
import { NOW, ago, counter, iso, recentCall, snapshot, ticket } from '@jiaohao/shared/testing';
import * as builders from './testing/builders';

/** The snapshot a client would send back out of its state (the reducer keeps it by id). */
function toSnapshot(state: OfficeState, at: string): Snapshot {
  return {
    seq: state.seq,
    at,
    businessDate: state.businessDate,
    office: state.office,
    policy: state.policy,
    services: Object.values(state.services),
    counters: Object.values(state.counters),
    tickets: Object.values(state.tickets),
    announcements: Object.values(state.announcements),
    issuingStops: [...state.issuingStops],
    closure: state.closure,
    recentCalls: [...state.recentCalls],
  };
}

describe('a snapshot round trip through the browser entries', () => {
  it('checks the wire snapshot, applies a call, and the state is a valid snapshot again', () => {
    const sent = snapshot({ seq: 7, tickets: [ticket({ id: 'w1', queuedAt: ago(12) }), ticket({ id: 'w2', number: '1002', value: 1002 })] });
    const received: unknown = JSON.parse(JSON.stringify(sent));
    expect(Value.Check(Snapshot, received)).toBe(true);

    const called: EventOf<'ticket:called'> = {
      seq: 8,
      type: 'ticket:called',
      at: iso(NOW),
      actor: { kind: 'staff', id: 'staff-1' },
      reason: null,
      data: {
        ticket: ticket({ id: 'w1', queuedAt: ago(12), state: 'called', calledAt: iso(NOW), counterId: 'c1' }),
        counter: counter({ callsSincePriority: 1 }),
        pickReason: 'longest_wait',
      },
    };
    expect(Value.Check(DomainEvent, JSON.parse(JSON.stringify(called)))).toBe(true);

    const state = applyEvent(fromSnapshot(received as Snapshot), called);
    expect(state.stale).toBe(false);
    const again = toSnapshot(state, iso(NOW));
    expect(Value.Check(Snapshot, JSON.parse(JSON.stringify(again)))).toBe(true);
    expect(again.seq).toBe(8);
    expect(again.tickets.map((t) => [t.id, t.state, t.counterId])).toEqual([
      ['w1', 'called', 'c1'],
      ['w2', 'waiting', null],
    ]);
    expect(again.counters.find((c) => c.id === 'c1')?.callsSincePriority).toBe(1);
    expect(again.recentCalls).toEqual([recentCall({ seq: 8, ticketId: 'w1', counterId: 'c1' })]);
  });

  it('refuses a snapshot that does not fit the schema', () => {
    const wire = JSON.parse(JSON.stringify(snapshot({ tickets: [ticket()] }))) as Snapshot;
    expect(Value.Check(Snapshot, { ...wire, tickets: [{ ...wire.tickets[0], issuedAt: 'this morning' }] })).toBe(false);
    expect(Value.Check(Snapshot, { ...wire, seq: -1 })).toBe(false);
  });
});

describe('@jiaohao/shared/testing', () => {
  it('offers every builder of shared/src/testing/builders.ts', () => {
    expect(Object.keys(testing).sort()).toEqual(Object.keys(builders).sort());
    expect(testing.snapshot).toBe(builders.snapshot);
  });
});
