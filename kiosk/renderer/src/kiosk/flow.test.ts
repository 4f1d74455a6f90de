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

  it('with a booking: start → check-in → ticket; typing, deleting, clearing and a scanned code change the code', () => {
    const typed = run({ type: 'language', lang: 'en' }, { type: 'booking', key: 'k1' }, { type: 'code-type', text: 'k7q4' }, { type: 'code-type', text: 'M' }, { type: 'code-delete' });
    expect(typed).toEqual({ lang: 'en', priority: false, screen: { kind: 'checkin', code: 'K7Q4', refusal: null, key: 'k1' } });
    expect(flow(typed, { type: 'code-clear' }).screen).toEqual({ kind: 'checkin', code: '', refusal: null, key: 'k1' });
    expect(flow(typed, { type: 'code-scanned', code: 'ABCD2345' }).screen).toMatchObject({ code: 'ABCD2345' });
    const booking = { slot: '10:30', late: false, lateMinutes: 15 };
    const t = flow(typed, { type: 'checked-in', issued, how: 'both', booking });
    expect(t.screen).toEqual({ kind: 'ticket', issued, how: 'both', print: 'printing', booking });
    expect(flow(t, { type: 'reset' })).toEqual(START);
    // Back from the check-in screen keeps the language, as from the confirm screen.
    expect(flow(typed, { type: 'back' })).toEqual({ lang: 'en', priority: false, screen: { kind: 'start' } });
  });

  it('keeps a refusal until the code changes, and ignores a key that changes nothing', () => {
    const refused = run({ type: 'booking', key: 'k1' }, { type: 'code-type', text: 'K7Q4M2PX' }, { type: 'refused', refusal: { kind: 'not_found' } });
    expect(refused.screen).toEqual({ kind: 'checkin', code: 'K7Q4M2PX', refusal: { kind: 'not_found' }, key: 'k1' });
    expect(flow(refused, { type: 'code-type', text: '-' })).toBe(refused);
    expect(flow(refused, { type: 'code-delete' }).screen).toEqual({ kind: 'checkin', code: 'K7Q4M2P', refusal: null, key: 'k1' });
  });

  it('drops a check-in answer, a refusal or a key that arrives after the resident left', () => {
    const left = run({ type: 'booking', key: 'k1' }, { type: 'code-type', text: 'K7Q4M2PX' }, { type: 'reset' });
    expect(flow(left, { type: 'checked-in', issued, how: 'phone', booking: { slot: '10:30', late: true, lateMinutes: 15 } })).toBe(left);
    expect(flow(left, { type: 'refused', refusal: { kind: 'failed' } })).toBe(left);
    expect(flow(left, { type: 'code-type', text: 'A' })).toBe(left);
    // A check-in answer never lands on the confirm screen, nor a ticket answer on the check-in screen.
    const confirm = run({ type: 'line', serviceId: 'x', key: 'k' });
    expect(flow(confirm, { type: 'checked-in', issued, how: 'phone', booking: { slot: '10:30', late: false, lateMinutes: 15 } })).toBe(confirm);
    const checkin = run({ type: 'booking', key: 'k1' });
    expect(flow(checkin, { type: 'issued', issued, how: 'phone' })).toBe(checkin);
    expect(flow(checkin, { type: 'booking', key: 'k1' })).toBe(checkin);
  });

  it('goes back to the start by itself from the check-in screen too', () => {
    expect(idleTimeout(run({ type: 'booking', key: 'k1' }))).toBe(IDLE_MS);
    expect(idleTimeout(run({ type: 'booking', key: 'k1' }, { type: 'refused', refusal: { kind: 'not_active', date: null } }))).toBe(IDLE_MS);
  });
});
