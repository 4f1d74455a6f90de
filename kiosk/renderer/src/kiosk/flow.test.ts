import { describe, expect, it } from 'vitest';
import { ticket } from '@jiaohao/shared/testing';
import { flow, idleTimeout, IDLE_MS, START, TICKET_MS, type Flow, type FlowAction } from './flow';

const run = (...actions: FlowAction[]): Flow => actions.reduce(flow, START);
const issued = { ticket: ticket({ trackingToken: 'tok' }), ahead: 2, estimate: { min: 5, max: 10 } };

describe('the way through the kiosk', () => {
  it('goes start → confirm → ticket, and every return to the start clears what the resident chose', () => {
    const s = run({ type: 'language', lang: 'vi' }, { type: 'priority', on: true }, { type: 'line', serviceId: 'household', key: 'k1' });
    expect(s).toEqual({ lang: 'vi', priority: true, screen: { kind: 'confirm', serviceId: 'household', key: 'k1' } });
    const t = flow(s, { type: 'issued', issued, how: 'both' });
    expect(t.screen).toEqual({ kind: 'ticket', issued, how: 'both', print: 'printing' });
    expect(flow(t, { type: 'printed', ok: false }).screen).toMatchObject({ print: 'failed' });
    expect(flow(t, { type: 'reset' })).toEqual(START);
  });

  it('keeps the language and priority when going back from the confirm screen', () => {
    const s = run({ type: 'language', lang: 'th' }, { type: 'priority', on: true }, { type: 'line', serviceId: 'x', key: 'k' }, { type: 'back' });
    expect(s).toEqual({ lang: 'th', priority: true, screen: { kind: 'start' } });
  });

  it('drops an answer that arrives after the resident left, and a second answer for the same screen', () => {
    const left = run({ type: 'line', serviceId: 'x', key: 'k' }, { type: 'back' });
    expect(flow(left, { type: 'issued', issued, how: 'phone' })).toBe(left);
    const once = run({ type: 'line', serviceId: 'x', key: 'k' }, { type: 'issued', issued, how: 'phone' });
    expect(flow(once, { type: 'issued', issued, how: 'print' })).toBe(once);
    // A phone ticket has nothing to print; a late print answer changes nothing.
    expect(once.screen).toMatchObject({ print: 'none' });
    expect(flow(once, { type: 'printed', ok: true })).toBe(once);
  });

  it('waits a while before going back by itself, never while printing, and not at all when untouched', () => {
    expect(idleTimeout(START)).toBeNull();
    expect(idleTimeout(run({ type: 'language', lang: 'en' }))).toBe(IDLE_MS);
    const confirm = run({ type: 'line', serviceId: 'x', key: 'k' });
    expect(idleTimeout(confirm)).toBe(IDLE_MS);
    const printing = flow(confirm, { type: 'issued', issued, how: 'print' });
    expect(idleTimeout(printing)).toBeNull();
    expect(idleTimeout(flow(printing, { type: 'printed', ok: true }))).toBe(TICKET_MS);
  });
});
