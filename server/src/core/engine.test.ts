import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainError, type DomainEvent } from '@jiaohao/shared';
import { openDatabase, type Db } from '../db/database';
import { seedOffice } from '../seed/seed';
import { FakeClock, TEST_SETUP } from '../testing/fixtures';
import { buildCore } from '../wiring';
import type { AppEngine } from '../store';
import type { CommandBus } from './commands';
import type { Store } from '../store';
import { SYSTEM } from './principal';
import { issueTicket } from '../modules/tickets/tickets.service';

let db: Db;
let engine: AppEngine;
let bus: CommandBus<Store>;
let listenerErrors: unknown[];
const kiosk = { kind: 'device', id: 'k1', deviceKind: 'kiosk' } as const;
const commands = {
  issueTicket: (who: typeof kiosk, payload: { serviceId: string; class?: 'appointment' }) => bus.executeNow(who, 'ticket:issue', payload),
};

beforeEach(() => {
  db = openDatabase(':memory:');
  listenerErrors = [];
  ({ engine, bus } = buildCore(db, new FakeClock().fn, { scryptCost: 1024, onListenerError: (err) => listenerErrors.push(err) }));
  seedOffice(engine, TEST_SETUP);
});
afterEach(() => db.close());

describe('Engine.run', () => {
  it('hands the committed events to listeners, in seq order, after the commit', () => {
    const seen: DomainEvent[][] = [];
    engine.onEvents((events) => {
      // Already committed: a read outside the transaction sees the ticket.
      const id = (events[0]?.data as { ticket?: { id: string } }).ticket?.id;
      expect(id && engine.store.tickets.byId(id)).toBeTruthy();
      seen.push([...events]);
    });
    const before = engine.store.events.lastSeq;
    commands.issueTicket(kiosk, { serviceId: 'reg' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.map((e) => e.seq)).toEqual([before + 1]);
  });

  it('a refused command writes nothing and the next command continues the seq without a gap', () => {
    const before = engine.store.events.lastSeq;
    const listener = vi.fn();
    engine.onEvents(listener);
    expect(() => bus.executeNow(SYSTEM, 'ticket:finish', { ticketId: 'no-such-ticket' })).toThrow(DomainError);
    expect(() => commands.issueTicket(kiosk, { serviceId: 'reg', class: 'appointment' })).toThrow(DomainError);
    expect(engine.store.events.lastSeq).toBe(before);
    expect(engine.store.events.count()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
    commands.issueTicket(kiosk, { serviceId: 'reg' });
    expect(engine.store.events.after(before).map((e) => e.seq)).toEqual([before + 1]);
    expect(engine.store.events.verifyChain()).toBeNull();
  });

  it('an error thrown half-way through a command rolls back what it wrote before', () => {
    const before = engine.store.events.lastSeq;
    const tickets = () => (db.prepare('SELECT COUNT(*) FROM tickets').pluck().get() as number);
    expect(() =>
      engine.run(SYSTEM, (ctx) => {
        // A real issue writes its ticket, number and event, then something fails before the commit.
        issueTicket(ctx, { serviceId: 'reg' }, 'staff');
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(engine.store.events.lastSeq).toBe(before);
    expect(engine.store.events.count()).toBe(before);
    expect(tickets()).toBe(0);
    // The number was not used up either: the next ticket gets 1001.
    expect(commands.issueTicket(kiosk, { serviceId: 'reg' }).ticket.number).toBe('1001');
    expect(engine.store.events.lastSeq).toBe(before + 1);
    expect(engine.store.events.verifyChain()).toBeNull();
  });

  it('a listener that throws does not turn a committed command into an error', () => {
    engine.onEvents(() => {
      throw new Error('broadcast failed');
    });
    const later = vi.fn();
    engine.onEvents(later);
    const result = commands.issueTicket(kiosk, { serviceId: 'reg' });
    expect(result.ticket.number).toBe('1001');
    expect(engine.store.tickets.byId(result.ticket.id)?.state).toBe('waiting');
    expect(listenerErrors).toHaveLength(1);
    expect(later).toHaveBeenCalledTimes(1); // the other listeners still get the events
  });
});
