import { describe, expect, it } from 'vitest';
import { fromSnapshot } from '@jiaohao/shared/reducer';
import { DEFAULT_POLICY } from '@jiaohao/shared/rules';
import { NOW, ago, counter, service, snapshot, ticket } from '@jiaohao/shared/testing';
import { clerkView, findWaiting, lineSummary, whyText } from './model';


function state(tickets: ReturnType<typeof ticket>[], counterOver: Partial<ReturnType<typeof counter>> = {}) {
  return fromSnapshot(
    snapshot({
      services: [service({ id: 'reg', targetWaitMinutes: 20 })],
      counters: [counter({ id: 'c1', serviceIds: ['reg'], status: 'open', staffId: 'me', ...counterOver })],
      tickets,
    }),
  );
}

const ME = { id: 'me', role: 'clerk' } as const;

describe('clerkView', () => {
  it('with nobody at the counter only Call next and Call a number are enabled', () => {
    const v = clerkView(state([]), 'c1', ME, undefined, NOW)!;
    expect(v.current).toBeNull();
    expect(Object.entries(v.enabled).filter(([, on]) => on).map(([a]) => a)).toEqual(['callNext', 'callNumber']);
  });

  it('a called ticket enables recall, start, no-show and requeue; serving enables finish and transfer', () => {
    const called = ticket({ id: 't1', serviceId: 'reg', state: 'called', counterId: 'c1', issuedAt: ago(30), calledAt: ago(5) });
    const v = clerkView(state([called]), 'c1', ME, { ticketId: 't1', reason: 'longest_wait' }, NOW)!;
    expect(Object.entries(v.enabled).filter(([, on]) => on).map(([a]) => a)).toEqual(['recall', 'start', 'noShow', 'requeue']);
    expect(v.current?.waitedMinutes).toBe(25); // issued → called
    expect(v.current?.why).toEqual({ key: 'clerk.why.longest_wait', values: {} });
    const serving = clerkView(state([{ ...called, state: 'serving' }]), 'c1', ME, undefined, NOW)!;
    expect(Object.entries(serving.enabled).filter(([, on]) => on).map(([a]) => a)).toEqual(['finish', 'transfer']);
    expect(serving.current?.why).toBeNull(); // the reason of another call is not shown
  });

  it('a paused counter cannot call; a counter another clerk holds enables nothing', () => {
    expect(clerkView(state([], { status: 'paused' }), 'c1', ME, undefined, NOW)!.enabled.callNext).toBe(false);
    const theirs = clerkView(state([], { staffId: 'someone-else' }), 'c1', ME, undefined, NOW)!;
    expect(theirs.takenByOther).toBe(true);
    expect(Object.values(theirs.enabled).some(Boolean)).toBe(false);
    // A supervisor stands in at any counter, as the server allows.
    const standIn = clerkView(state([], { staffId: 'someone-else' }), 'c1', { id: 'boss', role: 'supervisor' }, undefined, NOW)!;
    expect(standIn.takenByOther).toBe(false);
    expect(standIn.enabled.callNext).toBe(true);
  });
});

describe('lines and numbers', () => {
  it('counts the waiting, shows the next three and marks a line over its target wait', () => {
    const waiting = [35, 10, 5, 1].map((m, i) => ticket({ id: `w${i}`, serviceId: 'reg', number: `100${i}`, state: 'waiting', queuedAt: ago(m), issuedAt: ago(m) }));
    const s = state(waiting);
    const line = lineSummary(s, s.services.reg!, 'c1', NOW);
    expect(line).toMatchObject({ waiting: 4, next: ['1000', '1001', '1002'], longestWaitMinutes: 35, overTarget: true });
    expect(findWaiting(s, s.counters.c1!, ' 1002 ')?.id).toBe('w2');
    expect(findWaiting(s, s.counters.c1!, '9999')).toBeUndefined();
  });

  it('says why in words with the policy figures', () => {
    expect(whyText('priority_every_nth', { ...DEFAULT_POLICY, priorityEveryNth: 4 })).toEqual({ key: 'clerk.why.priority_every_nth', values: { n: 4 } });
    expect(whyText(null, DEFAULT_POLICY).key).toBe('clerk.why.by_number');
  });
});
